/**
 * Runs handlers of `api/` in this process the way Lambda would call them: the module is loaded
 * once by dynamic import (a cold start), then each call gets the event and a Lambda-like context.
 * Both async handlers and callback-style handlers (three parameters) are supported.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { HandlerRef } from '../../api/routes.ts';

type Handler = (
  event: unknown,
  context: Context,
  callback?: (error?: unknown, result?: unknown) => void,
) => unknown;

export class HandlerTimeout extends Error {
  constructor(name: string, ms: number) {
    super(`${name} did not answer within ${ms} ms`);
    this.name = 'HandlerTimeout';
  }
}

export interface InvokeOptions {
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly region: string;
  readonly accountId: string;
}

interface FunctionNames {
  readonly region: string;
  readonly accountId: string;
  readonly arn: string;
  readonly logGroup: string;
  /** One per execution environment, as on Lambda, where a warm container keeps its stream. */
  readonly logStream: string;
}

/** The deprecated `done` / `fail` / `succeed` of the context do nothing here. */
const ignore = (): undefined => undefined;

/** Route tables hold their handler refs for the gateway's life: their keys are built once. */
const handlerKeys = new WeakMap<HandlerRef, string>();

export class LambdaRuntime {
  readonly #rootDir: string;
  readonly #loaded = new Map<string, Promise<Handler>>();
  /** A function's ARN and log group, built once per function rather than per invocation. */
  readonly #functionNames = new Map<string, FunctionNames>();

  /** `rootDir`: what `HandlerRef.module` paths are relative to (the repository root). */
  constructor(rootDir: string) {
    this.#rootDir = rootDir;
  }

  load(ref: HandlerRef): Promise<Handler> {
    let key = handlerKeys.get(ref);
    if (key === undefined) {
      key = `${ref.module}#${ref.export}`;
      handlerKeys.set(ref, key);
    }
    let handler = this.#loaded.get(key);
    if (!handler) {
      handler = import(pathToFileURL(resolve(this.#rootDir, ref.module)).href).then(
        (module: Record<string, unknown>) => {
          const exported = module[ref.export];
          if (typeof exported !== 'function')
            throw new Error(`${ref.module} has no function export "${ref.export}"`);
          return exported as Handler;
        },
      );
      // a failed import is retried on the next request (the file may be mid-edit)
      handler.catch(() => this.#loaded.delete(key));
      this.#loaded.set(key, handler);
    }
    return handler;
  }

  #names(options: InvokeOptions): FunctionNames {
    let names = this.#functionNames.get(options.functionName);
    if (
      names === undefined ||
      names.region !== options.region ||
      names.accountId !== options.accountId
    ) {
      names = {
        region: options.region,
        accountId: options.accountId,
        arn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${options.functionName}`,
        logGroup: `/aws/lambda/${options.functionName}`,
        logStream: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
      };
      this.#functionNames.set(options.functionName, names);
    }
    return names;
  }

  async invoke(ref: HandlerRef, event: unknown, options: InvokeOptions): Promise<unknown> {
    const handler = await this.load(ref);
    const awsRequestId = randomUUID();
    const deadline = Date.now() + options.timeoutMs;
    const names = this.#names(options);
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: options.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: names.arn,
      memoryLimitInMB: '128',
      awsRequestId,
      logGroupName: names.logGroup,
      logStreamName: names.logStream,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: ignore,
      fail: ignore,
      succeed: ignore,
    };
    // One promise settled by whichever comes first, the handler or the timeout (cheaper per
    // request than racing two).
    const {
      promise,
      resolve: resolveResult,
      reject: rejectResult,
    } = Promise.withResolvers<unknown>();
    const timer = setTimeout(
      () => rejectResult(new HandlerTimeout(options.functionName, options.timeoutMs)),
      options.timeoutMs,
    );
    try {
      if (handler.length >= 3) {
        const returned = handler(event, context, (error, result) =>
          error ? rejectResult(error) : resolveResult(result),
        );
        if (returned instanceof Promise) returned.then(resolveResult, rejectResult);
      } else {
        // not resolve(promise): that would lock the result to the handler and ignore the timeout
        Promise.resolve(handler(event, context)).then(resolveResult, rejectResult);
      }
    } catch (error) {
      rejectResult(error);
    }
    try {
      return await promise;
    } finally {
      clearTimeout(timer);
    }
  }
}
