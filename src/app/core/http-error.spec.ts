import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError } from './http-error';

const failure = (status: number, error: unknown = null) => new HttpErrorResponse({ status, error });

describe('describeHttpError', () => {
  it('explains a network failure', () => {
    expect(describeHttpError(failure(0))).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
  });

  it("shows the API's own message for a 400", () => {
    expect(
      describeHttpError(failure(400, { message: 'Invalid note: content must not be empty' })),
    ).toBe('Invalid note: content must not be empty');
  });

  it('has a sentence for each status a person can meet', () => {
    expect(describeHttpError(failure(404))).toBe('Not found. It may have been deleted.');
    expect(describeHttpError(failure(412))).toBe('This was changed elsewhere in the meantime.');
    expect(describeHttpError(failure(429))).toContain('Too many requests');
    expect(describeHttpError(failure(502, { message: 'Internal server error' }))).toBe(
      'The server had a problem. Please try again in a moment.',
    );
  });

  it("never shows a non-HTTP error's internals", () => {
    expect(describeHttpError(new TypeError('boom'))).toBe(
      'Something went wrong. Please try again.',
    );
  });
});
