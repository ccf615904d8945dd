/**
 * DescribeUserPool: the pool as declared in api/pool.ts (policy, sign-in alias, verification, MFA
 * as it stands now) with its fixed id, so an app or a back office reads it the way it would on AWS.
 * Only the members this pool has are answered; LambdaConfig is left out (the local triggers run in
 * process, there are no function ARNs).
 */
import type {
  DescribeUserPoolRequest,
  DescribeUserPoolResponse,
  SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { userPool } from '../../../api/pool.ts';
import { awsTimestamp } from '../../clock.ts';
import { poolMfaConfig } from '../mfa.ts';
import { requiredString } from '../request.ts';
import { assertPoolId } from '../client-checks.ts';
import { type OperationFactory, type Wire } from '../services.ts';

/** Cognito's standard schema, as every pool has it (the declaration adds no custom attribute). */
const stringAttribute = (Name: string, Required = false): SchemaAttributeType => ({
  Name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable: true,
  Required,
  StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
});

const schemaAttributes: SchemaAttributeType[] = [
  {
    ...stringAttribute('sub', true),
    Mutable: false,
    StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
  },
  ...['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username'].map(
    (name) => stringAttribute(name),
  ),
  ...['profile', 'picture', 'website'].map((name) => stringAttribute(name)),
  stringAttribute('email', true),
  {
    Name: 'email_verified',
    AttributeDataType: 'Boolean',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
  },
  ...['gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number'].map((name) =>
    stringAttribute(name),
  ),
  {
    Name: 'phone_number_verified',
    AttributeDataType: 'Boolean',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
  },
  stringAttribute('address'),
  {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
];

export const describeUserPool: OperationFactory<
  'pool' | 'store',
  DescribeUserPoolRequest,
  DescribeUserPoolResponse
> = (services) => async (request) => {
  const { pool, store } = services;
  assertPoolId(pool, requiredString(request, 'UserPoolId'));
  const policy = pool.passwordPolicy;
  const created = awsTimestamp(pool.createdAt);
  const estimated = store.get<{ n: number }>('SELECT n FROM user_count WHERE id = 1')?.n ?? 0;
  const answer: { UserPool: Wire<NonNullable<DescribeUserPoolResponse['UserPool']>> } = {
    UserPool: {
      Id: pool.id,
      Name: userPool.name,
      // The account id is a placeholder: the local cloud has no AWS account (unconfirmed format kept).
      Arn: `arn:aws:cognito-idp:${pool.region}:000000000000:userpool/${pool.id}`,
      Policies: {
        PasswordPolicy: {
          MinimumLength: policy.minimumLength,
          RequireUppercase: policy.requireUppercase,
          RequireLowercase: policy.requireLowercase,
          RequireNumbers: policy.requireNumbers,
          RequireSymbols: policy.requireSymbols,
          TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
        },
      },
      DeletionProtection: 'INACTIVE',
      // The pool's settings never change after creation, except MFA (not timestamped; unconfirmed).
      CreationDate: created,
      LastModifiedDate: created,
      SchemaAttributes: schemaAttributes,
      AutoVerifiedAttributes: userPool.autoVerify.email ? ['email'] : [],
      UsernameAttributes: userPool.signInAliases.email ? ['email'] : [],
      UsernameConfiguration: { CaseSensitive: userPool.usernameCaseSensitive },
      UserAttributeUpdateSettings: {
        AttributesRequireVerificationBeforeUpdate: userPool.keepOriginal.email ? ['email'] : [],
      },
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      MfaConfiguration: poolMfaConfig(services).mode,
      EstimatedNumberOfUsers: estimated,
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: !userPool.selfSignUpEnabled },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }] },
    },
  };
  return answer;
};
