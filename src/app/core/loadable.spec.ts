import { HttpErrorResponse } from '@angular/common/http';
import { of, throwError } from 'rxjs';
import { Loadable } from './loadable';

describe('Loadable', () => {
  it('goes from loading to ready with the value', async () => {
    const loadable = new Loadable<string>();
    expect(loadable.status()).toBe('loading');
    expect(await loadable.run(() => of('note'))).toBe('note');
    expect(loadable.status()).toBe('ready');
    expect(loadable.value()).toBe('note');
    expect(loadable.message()).toBeNull();
  });

  it('keeps the failure and says it in a sentence', async () => {
    const loadable = new Loadable<string>();
    const failure = new HttpErrorResponse({ status: 0 });
    expect(await loadable.run(() => throwError(() => failure))).toBeUndefined();
    expect(loadable.status()).toBe('error');
    expect(loadable.failure()).toBe(failure);
    expect(loadable.message()).toContain('Cannot reach the server');
  });

  it('a quiet refresh keeps what is shown, and keeps showing it when the refresh fails', async () => {
    const loadable = new Loadable<string>('cached');
    expect(loadable.status()).toBe('ready');
    const refresh = loadable.run(() => Promise.resolve('fresh'), { quiet: true });
    expect(loadable.status()).toBe('ready');
    await refresh;
    expect(loadable.value()).toBe('fresh');
    await loadable.run(() => Promise.reject(new Error('offline')), { quiet: true });
    expect(loadable.status()).toBe('ready');
    expect(loadable.value()).toBe('fresh');
  });
});
