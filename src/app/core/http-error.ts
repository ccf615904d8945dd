import { HttpErrorResponse } from '@angular/common/http';

/** A failed API call as one sentence for the person using the app. */
export function describeHttpError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Please try again.';
  if (error.status === 0) return 'Cannot reach the server. Check your connection and try again.';
  const body: unknown = error.error;
  const serverMessage =
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : null;
  switch (error.status) {
    case 400:
      return serverMessage ?? 'The server could not accept that. Please check what you entered.';
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      return 'You are not allowed to do that.';
    case 404:
      return 'Not found. It may have been deleted.';
    case 409:
    case 412:
      return 'This was changed elsewhere in the meantime.';
    case 413:
      return 'That is too long to save.';
    case 429:
      return 'Too many requests. Please wait a moment and try again.';
    default:
      return error.status >= 500
        ? 'The server had a problem. Please try again in a moment.'
        : (serverMessage ?? `The request failed (${error.status}).`);
  }
}
