/**
 * REST API Lambda TOKEN authorizer ("apigateway-use-lambda-authorizer.md",
 * "api-gateway-lambda-authorizer-output.md"): the `Authorization` value goes to the authorizer
 * function as `authorizationToken` together with the method ARN; its IAM policy decides.
 * Missing header → 401 without a call; the function failing with "Unauthorized" → 401; Deny →
 * 403; any other failure or a malformed answer → 500. Results are cached per token for the TTL and
 * — as on AWS — the cached policy is evaluated against each later request's method ARN, so a
 * policy naming only the first method denies the others until it expires.
 */
import type { HandlerRef } from '../../../api/routes.ts';
import type { Clock } from '../../clock.ts';
import { authorizerConfigurationError, explicitDeny, notAllowed, unauthorized } from '../errors.ts';
import { evaluatePolicy, normalizePolicy, policyProblem, type PolicyDocument } from './policy.ts';
import type { AuthorizerResult } from './result.ts';

interface AuthorizerOutput {
  readonly principalId: string;
  readonly policy: PolicyDocument;
  readonly context: Readonly<Record<string, string | number | boolean>>;
}

export type InvokeAuthorizer = (
  ref: HandlerRef,
  event: { type: 'TOKEN'; authorizationToken: string; methodArn: string },
) => Promise<unknown>;

export class LambdaTokenAuthorizer {
  readonly #invoke: InvokeAuthorizer;
  readonly #clock: Clock;
  readonly #cache = new Map<
    string,
    { readonly output: AuthorizerOutput; readonly expiresAt: number }
  >();

  // Bounded (oldest first out): each distinct Authorization header adds an entry, and any caller
  // can send as many as it likes.
  readonly #maxCachedResults: number;

  constructor(invoke: InvokeAuthorizer, clock: Clock, maxCachedResults = 10_000) {
    this.#invoke = invoke;
    this.#clock = clock;
    this.#maxCachedResults = maxCachedResults;
  }

  /** How many authorizer results are cached now. */
  get cachedResults(): number {
    return this.#cache.size;
  }

  async authorize(
    fn: HandlerRef,
    resultTtlSeconds: number,
    authorization: string | undefined,
    methodArn: string,
  ): Promise<AuthorizerResult> {
    if (authorization === undefined || authorization.trim() === '')
      throw unauthorized('no Authorization header');
    const started = this.#clock.now();
    const key = `${fn.module}#${fn.export}\n${authorization}`;
    const cached = this.#cache.get(key);
    let output: AuthorizerOutput;
    if (cached && cached.expiresAt > started) {
      output = cached.output;
    } else {
      this.#cache.delete(key);
      output = await this.#call(fn, authorization, methodArn);
      if (resultTtlSeconds > 0) {
        if (this.#cache.size >= this.#maxCachedResults)
          this.#cache.delete(this.#cache.keys().next().value!);
        this.#cache.set(key, { output, expiresAt: started + resultTtlSeconds * 1000 });
      }
    }
    const decision = evaluatePolicy(output.policy, methodArn);
    if (decision === 'explicit-deny')
      throw explicitDeny(`policy of ${output.principalId} denies ${methodArn}`);
    if (decision === 'implicit-deny')
      throw notAllowed(`policy of ${output.principalId} does not allow ${methodArn}`);
    return {
      kind: 'lambda',
      principalId: output.principalId,
      context: output.context,
      integrationLatency: Math.max(0, this.#clock.now() - started),
      principal: output.principalId,
    };
  }

  async #call(
    fn: HandlerRef,
    authorizationToken: string,
    methodArn: string,
  ): Promise<AuthorizerOutput> {
    let result: unknown;
    try {
      result = await this.#invoke(fn, { type: 'TOKEN', authorizationToken, methodArn });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The one failure AWS turns into 401 is the exact message "Unauthorized".
      if (message === 'Unauthorized') throw unauthorized('authorizer answered Unauthorized');
      throw authorizerConfigurationError(`authorizer failed: ${message}`);
    }
    if (typeof result !== 'object' || result === null)
      throw authorizerConfigurationError('authorizer returned no object');
    const { principalId, policyDocument, context } = result as Record<string, unknown>;
    if (typeof principalId !== 'string' || principalId === '')
      throw authorizerConfigurationError('authorizer returned no principalId');
    const problem = policyProblem(policyDocument);
    if (problem) throw authorizerConfigurationError(`authorizer returned a bad policy: ${problem}`);
    const checkedContext: Record<string, string | number | boolean> = {};
    if (context !== undefined && context !== null) {
      if (typeof context !== 'object' || Array.isArray(context))
        throw authorizerConfigurationError('authorizer context is not an object');
      for (const [name, value] of Object.entries(context)) {
        // AWS refuses objects and arrays in the context map with AuthorizerConfigurationException.
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          throw authorizerConfigurationError(
            `authorizer context "${name}" is not a string, number or boolean`,
          );
        }
        checkedContext[name] = value;
      }
    }
    return { principalId, policy: normalizePolicy(policyDocument), context: checkedContext };
  }
}
