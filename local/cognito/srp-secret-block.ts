/** The SECRET_BLOCK of USER_SRP_AUTH: InitiateAuth seals it, RespondToAuthChallenge opens it. */

/** The purpose bound into SECRET_BLOCKs. */
export const secretBlockPurpose = 'srp-secret-block';

/** What a SECRET_BLOCK carries back to RespondToAuthChallenge (sealed, so `b` stays secret). */
export interface SecretBlockState {
  /**
   * The canonical username of a real user, or the stand-in id of an unknown one (see
   * `decoyAccount`): both UUIDs, so the sealed blocks of both have the same length.
   */
  readonly userIdForSrp: string;
  /** 1 for a real user, 0 for the simulated challenge of an unknown one. */
  readonly exists: 0 | 1;
  readonly clientId: string;
  readonly A: string;
  readonly B: string;
  readonly b: string;
  readonly expiresAt: number;
}
