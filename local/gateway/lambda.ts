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

export class LambdaRuntime {
  readonly #rootDir: string;
  readonly #loaded = new Map<string, Promise<Handler>>();

  /** `rootDir`: what `HandlerRef.module` paths are relative to (the repository root). */
  constructor(rootDir: string) {
    this.#rootDir = rootDir;
  }

  load(ref: HandlerRef): Promise<Handler> {
    const key = `${ref.module}#${ref.export}`;
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

  async invoke(ref: HandlerRef, event: unknown, options: InvokeOptions): Promise<unknown> {
    const handler = await this.load(ref);
    const awsRequestId = randomUUID();
    const deadline = Date.now() + options.timeoutMs;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: options.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${options.functionName}`,
      memoryLimitInMB: '128',
      awsRequestId,
      logGroupName: `/aws/lambda/${options.functionName}`,
      logStreamName: `local/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HandlerTimeout(options.functionName, options.timeoutMs)),
        options.timeoutMs,
      );
    });
    const run =
      handler.length >= 3
        ? new Promise<unknown>((resolveResult, rejectResult) => {
            const returned = handler(event, context, (error, result) =>
              error ? rejectResult(error) : resolveResult(result),
            );
            if (returned instanceof Promise) returned.then(resolveResult, rejectResult);
          })
        : Promise.resolve().then(() => handler(event, context));
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
