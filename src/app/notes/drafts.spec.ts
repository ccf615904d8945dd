import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthService } from '../auth/auth';
import { Drafts } from './drafts';

describe('Drafts', () => {
  const user = signal({ userId: 'alice-sub', email: 'alice@example.com' });
  const draft = { title: 'T', content: 'half a thought', savedAt: '2026-11-23T09:30:00.000Z' };

  beforeEach(() => {
    localStorage.clear();
    user.set({ userId: 'alice-sub', email: 'alice@example.com' });
    TestBed.configureTestingModule({ providers: [{ provide: AuthService, useValue: { user } }] });
  });
  afterEach(() => localStorage.clear());

  it('keeps one draft per note until it is discarded', () => {
    const drafts = TestBed.inject(Drafts);
    drafts.save(null, draft);
    drafts.save('01J00000000000000000000001', { ...draft, content: 'other', baseVersion: 3 });
    expect(drafts.get(null)).toEqual(draft);
    expect(drafts.get('01J00000000000000000000001')?.baseVersion).toBe(3);
    drafts.discard(null);
    expect(drafts.get(null)).toBeNull();
    expect(drafts.get('01J00000000000000000000001')).not.toBeNull();
  });

  it("never shows one person's drafts to whoever signs in next in this browser", () => {
    const drafts = TestBed.inject(Drafts);
    drafts.save(null, draft);
    user.set({ userId: 'bob-sub', email: 'bob@example.com' });
    expect(drafts.get(null)).toBeNull();
  });

  it('ignores a broken stored value', () => {
    localStorage.setItem('notes.draft.v1:alice-sub:new', '{not json');
    expect(TestBed.inject(Drafts).get(null)).toBeNull();
  });
});
