import { Injectable } from '@angular/core';
import {
  fetchMFAPreference,
  setUpTOTP,
  updateMFAPreference,
  verifyTOTPSetup,
  type FetchMFAPreferenceOutput,
  type SetUpTOTPOutput,
  type UpdateMFAPreferenceInput,
  type VerifyTOTPSetupInput,
} from 'aws-amplify/auth';

/**
 * The MFA settings calls of `aws-amplify/auth`, beside `AmplifyAuth` (the other boundary),
 * provided only by the profile route. Unit tests replace this class with a fake. (esbuild still
 * places these functions with the rest of the auth barrel in the initial bundle, about 2.5 kB;
 * a dynamic import of the barrel costs more, see src/README.md.)
 */
@Injectable()
export class AmplifyMfa {
  setUpTotp(): Promise<SetUpTOTPOutput> {
    return setUpTOTP();
  }

  verifyTotpSetup(input: VerifyTOTPSetupInput): Promise<void> {
    return verifyTOTPSetup(input);
  }

  updateMfaPreference(input: UpdateMFAPreferenceInput): Promise<void> {
    return updateMFAPreference(input);
  }

  fetchMfaPreference(): Promise<FetchMFAPreferenceOutput> {
    return fetchMFAPreference();
  }
}
