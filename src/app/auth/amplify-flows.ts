/**
 * The sign-in, sign-up and password flows of `aws-amplify/auth` (SRP maths included). Loaded on
 * first use by `AmplifyAuth` so they stay out of the initial bundle: a returning, signed-in person
 * only needs the session functions.
 */
export {
  confirmResetPassword,
  confirmSignIn,
  confirmSignUp,
  resendSignUpCode,
  resetPassword,
  signIn,
  signUp,
  updatePassword,
} from 'aws-amplify/auth';
