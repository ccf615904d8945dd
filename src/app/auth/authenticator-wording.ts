import { I18n } from 'aws-amplify/utils';

/**
 * The app's words for the Authenticator's second-factor steps, replacing Amplify UI's defaults
 * (which name the protocol: "Confirm TOTP Code", "Select MFA Type"). Keys are Amplify UI's
 * English phrases; errors are worded by auth-errors.ts.
 */
export const authenticatorWording: Readonly<Record<string, string>> = {
  'Confirm TOTP Code': 'Enter the code from your authenticator app',
  'Confirm Email Code': 'Enter the code we emailed you',
  'Confirm MFA Code': 'Enter your sign-in code',
  'Multi-Factor Authentication': 'Two-step sign-in: how do you want to confirm it’s you?',
  'Select MFA Type': 'How do you want to confirm it’s you?',
  'Authenticator App (TOTP)': 'A code from my authenticator app',
  'Email Message': 'A code by email',
  'Setup TOTP': 'Set up an authenticator app',
};

export function useAppWording(): void {
  I18n.putVocabulariesForLanguage('en', authenticatorWording);
}
