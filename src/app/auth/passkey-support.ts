/**
 * Whether this browser can use passkeys at all (Amplify's own test: a secure context with
 * `PublicKeyCredential`), so the app can say so instead of offering a button that cannot work.
 * Its own file: only the lazy sign-in and profile pages use it.
 */
export function browserSupportsPasskeys(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'credentials' in navigator &&
    typeof window.PublicKeyCredential === 'function'
  );
}
