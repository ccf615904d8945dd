import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('keeps paths inside the app, with their query string', () => {
    expect(safeReturnUrl('/notes/01HZX/edit')).toBe('/notes/01HZX/edit');
    expect(safeReturnUrl('/profile?tab=password')).toBe('/profile?tab=password');
  });

  it('falls back to the notes for anything that could leave the app or loop', () => {
    for (const value of [
      null,
      undefined,
      '',
      'notes',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/sign-in?returnUrl=/x',
    ]) {
      expect(safeReturnUrl(value)).withContext(String(value)).toBe('/notes');
    }
  });
});
