/**
 * Note ids are ULIDs (https://github.com/ulid/spec): 10 Crockford base32 characters of
 * milliseconds, then 16 of randomness. They sort as strings in creation order, so a DynamoDB
 * Query with `ScanIndexForward: false` lists a user's notes newest first with no extra index.
 * One implementation for the API and the SPA (which picks a new note's id itself, so that a
 * create retried after a lost response does not make a second note): Web Crypto only.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const noteIdPattern = '^[0-7][0-9A-HJKMNP-TV-Z]{25}$';
const noteIdRegExp = new RegExp(noteIdPattern);

export function isNoteId(value: string): boolean {
  return noteIdRegExp.test(value);
}

function encode(value: bigint, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text = alphabet[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return text;
}

let lastTime = -1;
let lastRandom = 0n;

/**
 * A new ULID. Within one millisecond the random part is incremented instead of redrawn (the
 * spec's monotonic mode), so ids made in a burst by one process still sort in creation order.
 */
export function newNoteId(now: number = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = (lastRandom + 1n) & ((1n << 80n) - 1n);
    now = lastTime;
  } else {
    lastTime = now;
    let random = 0n;
    for (const byte of crypto.getRandomValues(new Uint8Array(10)))
      random = (random << 8n) | BigInt(byte);
    lastRandom = random;
  }
  return encode(BigInt(now), 10) + encode(lastRandom, 16);
}
