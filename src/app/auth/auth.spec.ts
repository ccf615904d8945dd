import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SignInOutput } from 'aws-amplify/auth';
import { AmplifyAuth } from './amplify-auth';
import { AuthService } from './auth';
import { AuthFailure } from './auth-errors';
import {
  aliceClaims,
  amplifyError,
  FakeAmplifyAuth,
  signInDone,
} from './testing/fake-amplify-auth';

describe('AuthService', () => {
  let amplify: FakeAmplifyAuth;
  let router: Router;

  function create(): AuthService {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        { provide: AmplifyAuth, useValue: amplify },
      ],
    });
    router = TestBed.inject(Router);
    spyOn(router, 'navigate').and.resolveTo(true);
    return TestBed.inject(AuthService);
  }

  beforeEach(() => {
    amplify = new FakeAmplifyAuth();
  });

  describe('session state', () => {
    it("is unknown until the stored session is read, then signed in with the ID token's email and sub", async () => {
      amplify.signInAs();
      const auth = create();
      expect(auth.state()).toBe('unknown');
      expect(await auth.whenReady()).toBe('signedIn');
      expect(auth.user()).toEqual({
        userId: aliceClaims.sub,
        email: aliceClaims.email,
        groups: [],
      });
      expect(auth.isAdmin()).toBeFalse();
      expect(auth.isSignedIn()).toBeTrue();
    });

    it('is signed out when no tokens are stored', async () => {
      const auth = create();
      expect(await auth.whenReady()).toBe('signedOut');
      expect(auth.user()).toBeNull();
    });

    it('treats an unreadable session (e.g. a refresh that throws) as signed out', async () => {
      amplify.errors.set(
        'fetchAuthSession',
        amplifyError('NetworkError', 'A network error has occurred.'),
      );
      const auth = create();
      expect(await auth.whenReady()).toBe('signedOut');
    });
  });

  describe('signIn', () => {
    it("signs in with Amplify's default flow and updates the user when the next step is DONE", async () => {
      const auth = create();
      await auth.whenReady();
      amplify.results.set('signIn', signInDone);
      amplify.signIn = async (input: unknown) => {
        amplify.calls.push({ method: 'signIn', input });
        amplify.signInAs();
        return signInDone;
      };
      const output = await auth.signIn({
        username: 'alice@example.com',
        password: 'Corr3ct!horse',
      });
      expect(output.nextStep.signInStep).toBe('DONE');
      expect(amplify.callsOf('signIn')).toEqual([
        { username: 'alice@example.com', password: 'Corr3ct!horse' },
      ]);
      expect(auth.user()?.email).toBe(aliceClaims.email);
    });

    const unfinished: [string, SignInOutput][] = [
      ['confirm sign-up', { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } }],
      [
        'a new password (temporary password)',
        {
          isSignedIn: false,
          nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' },
        },
      ],
      ['a password reset', { isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } }],
    ];
    for (const [what, output] of unfinished) {
      it(`returns the next step unchanged when Cognito asks for ${what}, and stays signed out`, async () => {
        const auth = create();
        await auth.whenReady();
        amplify.results.set('signIn', output);
        expect(await auth.signIn({ username: 'bob@example.com', password: 'x' })).toEqual(output);
        expect(auth.isSignedIn()).toBeFalse();
      });
    }

    it('answers the new-password challenge through confirmSignIn and then counts as signed in', async () => {
      const auth = create();
      await auth.whenReady();
      amplify.confirmSignIn = async (input: unknown) => {
        amplify.calls.push({ method: 'confirmSignIn', input });
        amplify.signInAs();
        return signInDone;
      };
      await auth.confirmSignIn({ challengeResponse: 'N3w!password' });
      expect(amplify.callsOf('confirmSignIn')).toEqual([{ challengeResponse: 'N3w!password' }]);
      expect(auth.isSignedIn()).toBeTrue();
    });

    it('says "Wrong email or password." for a wrong password, keeping Cognito\'s error name', async () => {
      const auth = create();
      amplify.errors.set(
        'signIn',
        amplifyError('NotAuthorizedException', 'Incorrect username or password.'),
      );
      const failure = await auth
        .signIn({ username: 'alice@example.com', password: 'wrong' })
        .catch((error: unknown) => error);
      expect(failure).toEqual(jasmine.any(AuthFailure));
      expect((failure as AuthFailure).name).toBe('NotAuthorizedException');
      expect((failure as AuthFailure).message).toBe('Wrong email or password.');
    });
  });

  describe('an expired emailed sign-in code', () => {
    const codeSent: SignInOutput = {
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@example.com' },
      },
    };

    async function expiredAfter(input: Parameters<AuthService['signIn']>[0]): Promise<string> {
      const auth = create();
      await auth.whenReady();
      amplify.results.set('signIn', codeSent);
      await auth.signIn(input);
      amplify.errors.set('confirmSignIn', amplifyError('ExpiredCodeException', 'Expired.'));
      const failure = await auth
        .confirmSignIn({ challengeResponse: '12345678' })
        .catch((error: unknown) => error);
      return (failure as Error).message;
    }

    it('asks for a new code, not a password, when the sign-in had none (USER_AUTH)', async () => {
      expect(
        await expiredAfter({
          username: 'alice@example.com',
          options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
        }),
      ).toBe(
        'This sign-in took too long and has expired. Go back to sign in and ask for a new code.',
      );
    });

    it('asks for the password again when the code was a second step after it', async () => {
      expect(await expiredAfter({ username: 'alice@example.com', password: 'Corr3ct!horse' })).toBe(
        'This sign-in took too long and has expired. Go back to sign in and enter your password again.',
      );
    });
  });

  describe('sign-up and confirmation', () => {
    it('passes sign-up, confirmation and resend through to Amplify and returns their results', async () => {
      const auth = create();
      const codeSent = {
        isSignUpComplete: false,
        nextStep: {
          signUpStep: 'CONFIRM_SIGN_UP',
          codeDeliveryDetails: { destination: 'a***@e***' },
        },
      };
      amplify.results.set('signUp', codeSent);
      amplify.results.set('resendSignUpCode', {
        destination: 'a***@e***',
        deliveryMedium: 'EMAIL',
      });
      expect(await auth.signUp({ username: 'alice@example.com', password: 'P4ss!word' })).toEqual(
        codeSent as never,
      );
      expect(await auth.resendSignUpCode({ username: 'alice@example.com' })).toEqual({
        destination: 'a***@e***',
        deliveryMedium: 'EMAIL',
      });
      await auth.confirmSignUp({ username: 'alice@example.com', confirmationCode: '123456' });
      expect(amplify.callsOf('confirmSignUp')).toEqual([
        { username: 'alice@example.com', confirmationCode: '123456' },
      ]);
    });

    it('explains a wrong code and an expired code', async () => {
      const auth = create();
      amplify.errors.set(
        'confirmSignUp',
        amplifyError(
          'CodeMismatchException',
          'Invalid verification code provided, please try again.',
        ),
      );
      await expectAsync(
        auth.confirmSignUp({ username: 'a@b.c', confirmationCode: '000000' }),
      ).toBeRejectedWithError(
        AuthFailure,
        'That code is not right. Check the email we sent and try again.',
      );
      amplify.errors.set(
        'confirmSignUp',
        amplifyError('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
      );
      await expectAsync(
        auth.confirmSignUp({ username: 'a@b.c', confirmationCode: '111111' }),
      ).toBeRejectedWithError(
        AuthFailure,
        'That code has expired. Ask for a new code and try again.',
      );
    });
  });

  describe('passwords', () => {
    it('resets a forgotten password in two steps', async () => {
      const auth = create();
      amplify.results.set('resetPassword', {
        isPasswordReset: false,
        nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' },
      });
      await auth.resetPassword({ username: 'alice@example.com' });
      await auth.confirmResetPassword({
        username: 'alice@example.com',
        confirmationCode: '123456',
        newPassword: 'N3w!password',
      });
      expect(amplify.callsOf('resetPassword')).toEqual([{ username: 'alice@example.com' }]);
      expect(amplify.callsOf('confirmResetPassword').length).toBe(1);
    });

    it('says the current password is wrong when changing it fails that way', async () => {
      const auth = create();
      amplify.errors.set(
        'updatePassword',
        amplifyError('NotAuthorizedException', 'Incorrect username or password.'),
      );
      await expectAsync(
        auth.updatePassword({ oldPassword: 'nope', newPassword: 'N3w!password' }),
      ).toBeRejectedWithError(AuthFailure, 'Your current password is not correct.');
    });
  });

  describe('signOut', () => {
    it('signs out on this device and goes to the sign-in page', async () => {
      amplify.signInAs();
      const auth = create();
      await auth.whenReady();
      await auth.signOut();
      expect(amplify.callsOf('signOut')).toEqual([{ global: false }]);
      expect(auth.state()).toBe('signedOut');
      expect(router.navigate).toHaveBeenCalledWith(['/sign-in']);
    });

    it('signs out everywhere with a global sign-out', async () => {
      amplify.signInAs();
      const auth = create();
      await auth.whenReady();
      await auth.signOut({ global: true });
      expect(amplify.callsOf('signOut')).toEqual([{ global: true }]);
      expect(auth.notice()).toBe('You are signed out on all your devices.');
    });

    it('still signs out locally, and says so, when the global sign-out cannot reach Cognito', async () => {
      amplify.signInAs();
      const auth = create();
      await auth.whenReady();
      const realSignOut = amplify.signOut.bind(amplify);
      amplify.signOut = async (input?: unknown) => {
        if ((input as { global: boolean }).global)
          throw amplifyError('NetworkError', 'A network error has occurred.');
        return realSignOut(input);
      };
      await auth.signOut({ global: true });
      expect(auth.state()).toBe('signedOut');
      expect(amplify.session).toBeNull();
      expect(auth.notice()).toContain('Signed out on this device only');
    });
  });

  describe('ID token', () => {
    it('returns the raw ID token, or null when signed out', async () => {
      const auth = create();
      expect(await auth.idToken()).toBeNull();
      amplify.signInAs(aliceClaims, 'header.payload.signature');
      expect(await auth.idToken()).toBe('header.payload.signature');
    });

    it('forces a refresh when asked', async () => {
      amplify.signInAs(aliceClaims, 'old');
      const auth = create();
      expect(await auth.idToken({ forceRefresh: true })).toBe('old+refreshed');
      expect(amplify.callsOf('fetchAuthSession')).toContain({ forceRefresh: true });
    });
  });

  describe('Hub events', () => {
    it("picks up a sign-in made elsewhere (e.g. the Authenticator's auto sign-in)", async () => {
      const auth = create();
      await auth.whenReady();
      amplify.signInAs();
      amplify.emit('signedIn');
      await new Promise((resolve) => setTimeout(resolve));
      expect(auth.user()?.email).toBe(aliceClaims.email);
    });

    it('signs out cleanly and goes to sign-in, keeping the page, when Cognito refuses the refresh token', async () => {
      amplify.signInAs();
      const auth = create();
      await auth.whenReady();
      spyOnProperty(router, 'url').and.returnValue('/notes/01HZX');
      amplify.emit('tokenRefresh_failure', 'NotAuthorizedException');
      await new Promise((resolve) => setTimeout(resolve));
      expect(auth.state()).toBe('signedOut');
      expect(amplify.callsOf('signOut')).toEqual([{ global: false }]);
      expect(auth.notice()).toBe('Your session has ended. Please sign in again.');
      expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], {
        queryParams: { returnUrl: '/notes/01HZX' },
      });
    });

    for (const errorName of [
      'NetworkError',
      'TooManyRequestsException',
      'InternalErrorException',
    ]) {
      it(`stays signed in on the same page when a token refresh fails for a passing reason (${errorName})`, async () => {
        // Amplify keeps the tokens after such failures so that the next call retries.
        amplify.signInAs();
        const auth = create();
        await auth.whenReady();
        amplify.emit('tokenRefresh_failure', errorName);
        await new Promise((resolve) => setTimeout(resolve));
        expect(auth.state()).toBe('signedIn');
        expect(amplify.callsOf('signOut')).toEqual([]);
        expect(router.navigate).not.toHaveBeenCalled();
      });
    }

    it('ends the session once when the interceptor and the Hub both report it', async () => {
      amplify.signInAs();
      const auth = create();
      await auth.whenReady();
      spyOnProperty(router, 'url').and.returnValue('/profile');
      await Promise.all([auth.endSession(), auth.endSession()]);
      expect(amplify.callsOf('signOut').length).toBe(1);
      expect(router.navigate).toHaveBeenCalledOnceWith(['/sign-in'], {
        queryParams: { returnUrl: '/profile' },
      });
    });

    it('stays on the sign-in page (keeping its return URL) when the session is reported ended there', async () => {
      const auth = create();
      await auth.whenReady();
      await auth.endSession('/sign-in?returnUrl=%2Fprofile');
      expect(router.navigate).not.toHaveBeenCalled();
    });

    it('follows a sign-out made elsewhere', async () => {
      amplify.signInAs();
      const auth = create();
      await auth.whenReady();
      amplify.emit('signedOut');
      expect(auth.state()).toBe('signedOut');
    });
  });
});
