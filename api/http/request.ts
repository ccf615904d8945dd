import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';

/**
 * Largest body a handler reads. A note's content is at most 100 000 UTF-16 units; JSON-escaped
 * (`\uXXXX`, 6 bytes each) that stays under 1 MiB, so anything bigger cannot be a valid note.
 * API Gateway's own limit (10 MB) is enforced by the gateway in front.
 */
export const maxBodyBytes = 1024 * 1024;

/** Headers as API Gateway passes them: payload 1.0 keeps the client's case, 2.0 lower-cases. */
export type Headers = Readonly<Record<string, string | undefined>> | null | undefined;

export function header(headers: Headers, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

interface EventWithBody {
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Headers;
}

function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [mediaType = '', ...params] = contentType
    .split(';')
    .map((part) => part.trim().toLowerCase());
  const charset = params
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return false;
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/**
 * The request body as parsed JSON, or the 4xx that explains why not: 413 when too large, 415
 * when not declared as JSON, 400 when missing or malformed.
 */
export function jsonBody(event: EventWithBody): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  if (!isJsonMediaType(header(event.headers, 'content-type')))
    throw new UnsupportedMediaTypeError();
  if (text.trim() === '') throw new BadRequestError('Request body is required');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError('Request body is not valid JSON');
  }
}
