/**
 * The Cognito user pool of `api/pool.ts`, deployed: the same sign-in rules, password policy,
 * clients, resource server and token lifetimes the local pool serves.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  type CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
  VerificationEmailStyle,
  type ResourceServerScope,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { userPool as declared, type AppClient, type ExplicitAuthFlow } from '../api/pool.ts';

export type ClientName = keyof typeof declared.clients;

export interface AuthProps {
  /** Cognito deletion protection, and RETAIN instead of DESTROY on stack deletion. */
  readonly deletionProtection: boolean;
  /** Prefix of the Cognito domain `<prefix>.auth.<region>.amazoncognito.com` (unique per region). */
  readonly domainPrefix: string;
}

/**
 * Cognito requires ALLOW_REFRESH_TOKEN_AUTH on every app client (CloudFormation falls back to
 * SRP + custom + refresh when the list is left out), so it is always present; a client without
 * user flows, like the machine client, never receives a refresh token to use it with.
 */
export function deployedAuthFlows(client: AppClient): string[] {
  const flows = new Set<ExplicitAuthFlow>(client.explicitAuthFlows);
  flows.add('ALLOW_REFRESH_TOKEN_AUTH');
  return [...flows].sort();
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly clients: Readonly<Record<ClientName, UserPoolClient>>;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const policy = declared.passwordPolicy;
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: declared.name,
      signInAliases: { email: declared.signInAliases.email },
      signInCaseSensitive: false,
      selfSignUpEnabled: declared.selfSignUpEnabled,
      autoVerify: { email: declared.autoVerify.email },
      // An email change takes effect only once the new address is confirmed.
      keepOriginal: { email: true },
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
      mfa: Mfa.OFF,
      // Lite has every feature this app uses at the lowest price per monthly active user.
      featurePlan: FeaturePlan.LITE,
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
      (created.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = deployedAuthFlows(spec);
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
