import { TestBed } from '@angular/core/testing';
import { Highlight, highlightParts } from './highlight';

describe('highlightParts', () => {
  it('splits around every case-insensitive match', () => {
    expect(highlightParts('Eggs and eggs', 'EGGS')).toEqual([
      { text: 'Eggs', match: true },
      { text: ' and ', match: false },
      { text: 'eggs', match: true },
    ]);
    expect(highlightParts('milk', '')).toEqual([{ text: 'milk', match: false }]);
  });
});

describe('Highlight', () => {
  it('marks matches as text, never as HTML', async () => {
    const fixture = TestBed.createComponent(Highlight);
    fixture.componentRef.setInput('text', '<b>bold</b> words');
    fixture.componentRef.setInput('query', 'bold');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('b')).toBeNull();
    expect([...element.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['bold']);
    expect(element.textContent?.replace(/\s+/g, ' ').trim()).toBe('<b>bold</b> words');
  });
});
