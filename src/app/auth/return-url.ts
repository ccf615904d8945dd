/** Where to go after signing in when no (safe) return URL was given. */
export const defaultAfterSignIn = '/notes';

/**
 * Only same-app paths are honoured: `//evil.example` or `https://…` in a crafted link must not
 * turn the sign-in page into an open redirect.
 */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return defaultAfterSignIn;
  if (value.startsWith('/sign-in')) return defaultAfterSignIn;
  return value;
}
