/**
 * A ULID (https://github.com/ulid/spec) made in the browser for a new note. The API accepts a
 * client-chosen id so that a create retried after a lost response does not make a second note.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newNoteId(
  now: number = Date.now(),
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) =>
    crypto.getRandomValues(b),
): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  // 16 characters of 5 bits = 80 bits of randomness; one byte per character, low 5 bits used.
  const bytes = random(new Uint8Array(16));
  let randomness = '';
  for (const byte of bytes) randomness += alphabet[byte & 31];
  return time + randomness;
}
