/**
 * The Cognito user pool of `api/pool.ts`, deployed: the same sign-in rules, password policy,
 * clients, resource server and token lifetimes the local pool serves.
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  type CfnUserPool,
  type CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  PasskeyUserVerification,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolEmail,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
  VerificationEmailStyle,
  type ResourceServerScope,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  offeredMfaFactors,
  userPool as declared,
  type AppClient,
  type AppMfaFactor,
  type ExplicitAuthFlow,
  type FirstAuthFactor,
  type MfaDeclaration,
  type PasskeySettings,
} from '../api/pool.ts';
import type { CognitoFeaturePlan, SesSender, ThreatProtection } from './options.ts';

export type ClientName = keyof typeof declared.clients;

export interface AuthProps {
  /** Cognito deletion protection, and RETAIN instead of DESTROY on stack deletion. */
  readonly deletionProtection: boolean;
  /** Prefix of the Cognito domain `<prefix>.auth.<region>.amazoncognito.com` (unique per region). */
  readonly domainPrefix: string;
  /** Default ESSENTIALS (what MFA by email and passwordless sign-in need). */
  readonly featurePlan?: CognitoFeaturePlan;
  /** Plus only. Default off. */
  readonly threatProtection?: ThreatProtection;
  /**
   * Send through this SES identity; default Cognito's own sender (about 50 emails a day), which
   * cannot send sign-in codes: without SES the pool offers passwords and passkeys only.
   */
  readonly sesSender?: SesSender | undefined;
  /**
   * The passkeys' relying-party id: the host name the SPA is served from (the CloudFront or the
   * custom domain), or a registrable parent of it. See infra/README.md for the rules.
   */
  readonly relyingPartyId: string;
}

/**
 * The first factors the deployed pool allows: the declared ones, less EMAIL_OTP without an SES
 * sender; on Lite (no choice-based sign-in) the password alone.
 */
export function deployedFirstFactors(
  featurePlan: CognitoFeaturePlan,
  hasSesSender: boolean,
): FirstAuthFactor[] {
  if (featurePlan === 'LITE') return ['PASSWORD'];
  return declared.signInPolicy.allowedFirstAuthFactors.filter(
    (factor) => factor !== 'EMAIL_OTP' || hasSesSender,
  );
}

const threatModes: Record<Exclude<ThreatProtection, 'off'>, StandardThreatProtectionMode> = {
  audit: StandardThreatProtectionMode.AUDIT_ONLY,
  enforced: StandardThreatProtectionMode.FULL_FUNCTION,
};

/**
 * Cognito requires ALLOW_REFRESH_TOKEN_AUTH on every app client (CloudFormation falls back to
 * SRP + custom + refresh when the list is left out), so it is always present; a client without
 * user flows, like the machine client, never receives a refresh token to use it with.
 */
export function deployedAuthFlows(
  client: AppClient,
  featurePlan: CognitoFeaturePlan = 'ESSENTIALS',
): string[] {
  const flows = new Set<ExplicitAuthFlow>(client.explicitAuthFlows);
  flows.add('ALLOW_REFRESH_TOKEN_AUTH');
  // Choice-based sign-in needs Essentials or Plus.
  if (featurePlan === 'LITE') flows.delete('ALLOW_USER_AUTH');
  return [...flows].sort();
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly clients: Readonly<Record<ClientName, UserPoolClient>>;
  readonly domain: UserPoolDomain;
  /** The second factors this pool offers, for the app's runtime config. */
  readonly mfaFactors: readonly AppMfaFactor[];
  /** What the SPA may offer at sign-in (its runtime config says so). */
  readonly firstFactors: readonly FirstAuthFactor[];

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const policy = declared.passwordPolicy;
    const featurePlan = props.featurePlan ?? 'ESSENTIALS';
    const threatProtection = props.threatProtection ?? 'off';
    if (threatProtection !== 'off' && featurePlan !== 'PLUS')
      throw new Error('Cognito threat protection needs the Plus feature plan');
    const ses = props.sesSender;
    // Email codes need the Essentials plan (or Plus) and an SES sender; without one, TOTP only.
    const canSendEmail = ses !== undefined && featurePlan !== 'LITE';
    const mfa: MfaDeclaration = declared.mfa;
    const emailMfa = mfa.secondFactors.email && canSendEmail;
    this.mfaFactors = offeredMfaFactors(mfa, canSendEmail);
    this.firstFactors = deployedFirstFactors(featurePlan, ses !== undefined);
    const factors = new Set(this.firstFactors);
    const choiceBased = featurePlan !== 'LITE';
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: declared.name,
      signInAliases: { email: declared.signInAliases.email },
      signInCaseSensitive: declared.usernameCaseSensitive,
      selfSignUpEnabled: declared.selfSignUpEnabled,
      autoVerify: { email: declared.autoVerify.email },
      // An email change takes effect only once the new address is confirmed.
      keepOriginal: { email: declared.keepOriginal.email },
      userVerification: { emailStyle: VerificationEmailStyle.CODE },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: policy.minimumLength,
        requireLowercase: policy.requireLowercase,
        requireUppercase: policy.requireUppercase,
        requireDigits: policy.requireNumbers,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.temporaryPasswordValidityDays),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: mfa.mode === 'ON' ? Mfa.REQUIRED : Mfa[mfa.mode],
      ...(mfa.mode === 'OFF'
        ? {}
        : {
            mfaSecondFactor: {
              otp: mfa.secondFactors.otp,
              sms: mfa.secondFactors.sms,
              email: emailMfa,
            },
          }),
      featurePlan: FeaturePlan[featurePlan],
      ...(threatProtection !== 'off'
        ? { standardThreatProtectionMode: threatModes[threatProtection] }
        : {}),
      // Choice-based sign-in (USER_AUTH): password, passkeys, email codes (with SES).
      ...(choiceBased
        ? {
            signInPolicy: {
              allowedFirstAuthFactors: {
                password: factors.has('PASSWORD'),
                emailOtp: factors.has('EMAIL_OTP'),
                passkey: factors.has('WEB_AUTHN'),
              },
            },
            passkeyRelyingPartyId: props.relyingPartyId,
            passkeyUserVerification:
              (declared.passkeys as PasskeySettings).userVerification === 'required'
                ? PasskeyUserVerification.REQUIRED
                : PasskeyUserVerification.PREFERRED,
          }
        : {}),
      ...(ses
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: ses.fromEmail,
              ...(ses.fromName ? { fromName: ses.fromName } : {}),
              // The stack is environment-agnostic: default to the region it is deployed to.
              sesRegion: ses.region ?? Aws.REGION,
              ...(ses.configurationSet ? { configurationSetName: ses.configurationSet } : {}),
            }),
          }
        : {}),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    for (const group of declared.groups)
      new CfnUserPoolGroup(this, `Group-${group.name}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });

    // The email that carries an MFA code: its wording is declared in api/pool.ts (the L2
    // construct has no property for it).
    if (emailMfa) {
      const cfnPool = this.userPool.node.defaultChild as CfnUserPool;
      cfnPool.emailAuthenticationSubject = mfa.emailMessage.subject;
      cfnPool.emailAuthenticationMessage = mfa.emailMessage.message;
    }

    // Acknowledged here, where the pool is declared; each says which option changes it.
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Self sign-up app: MFA is OPTIONAL (api/pool.ts), each person turns on an authenticator app or email codes on the profile page',
    });
    if (featurePlan !== 'PLUS')
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `The ${featurePlan} plan is a cost decision (Plus has no free tier; see infra/README.md); -c featurePlan=PLUS adds threat protection, in audit mode by default`,
      });
    if (featurePlan === 'PLUS' && threatProtection !== 'enforced')
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG3',
        reason:
          'Threat protection starts in audit mode to learn its risk decisions before acting on them; -c threatProtection=enforced blocks',
      });

    const scopesByName = new Map<
      string,
      { server: UserPoolResourceServer; scope: ResourceServerScope }
    >();
    for (const server of declared.resourceServers) {
      const scopes = server.scopes.map((scope) => ({
        scopeName: scope.name,
        scopeDescription: scope.description,
      }));
      const resourceServer = this.userPool.addResourceServer(
        `ResourceServer-${server.identifier}`,
        {
          identifier: server.identifier,
          userPoolResourceServerName: server.name,
          scopes,
        },
      );
      for (const scope of scopes)
        scopesByName.set(`${server.identifier}/${scope.scopeName}`, {
          server: resourceServer,
          scope,
        });
    }
    const oauthScope = (fullName: string): OAuthScope => {
      const found = scopesByName.get(fullName);
      if (!found)
        throw new Error(`api/pool.ts: scope ${fullName} belongs to no declared resource server`);
      return OAuthScope.resourceServer(found.server, found.scope);
    };

    const client = (name: ClientName): UserPoolClient => {
      const spec: AppClient = declared.clients[name];
      const created = this.userPool.addClient(`Client-${name}`, {
        userPoolClientName: spec.name,
        generateSecret: spec.generateSecret,
        preventUserExistenceErrors: spec.preventUserExistenceErrors,
        enableTokenRevocation: spec.enableTokenRevocation,
        idTokenValidity: Duration.seconds(spec.tokenValidity.idToken),
        accessTokenValidity: Duration.seconds(spec.tokenValidity.accessToken),
        refreshTokenValidity: Duration.seconds(spec.tokenValidity.refreshToken),
        // Without OAuth grants the CDK would default to code + implicit with example.com callbacks.
        ...(spec.oauthGrants.length === 0
          ? { disableOAuth: true }
          : {
              oAuth: {
                flows: { clientCredentials: spec.oauthGrants.includes('client_credentials') },
                scopes: spec.oauthScopes.map(oauthScope),
              },
            }),
      });
      (created.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = deployedAuthFlows(
        spec,
        featurePlan,
      );
      return created;
    };
    this.clients = { spa: client('spa'), machine: client('machine') };

    // The token endpoint for client_credentials lives on the pool's domain.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of every token. */
  get issuer(): string {
    return `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
  }

  /** The OAuth2 token endpoint machine clients call. */
  get tokenEndpoint(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }
}
