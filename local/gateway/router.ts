/**
 * Matches a request to a route of `api/routes.ts`. A path template like `/notes/{noteId}` is one
 * segment per `{param}`; `{param+}` (greedy, as on AWS) takes the rest of the path. Static
 * segments win over parameters, as in API Gateway's resource tree.
 */
import type { Route } from '../../api/routes.ts';
import { missingAuthenticationToken, routeNotFound, type GatewayError } from './errors.ts';

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  /** Lower ranks first: static segments before parameters. */
  readonly rank: number;
}

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string> | null;
}

export type RouteLookup =
  | { readonly kind: 'match'; readonly match: RouteMatch }
  | { readonly kind: 'none'; readonly api: 'rest' | 'http'; readonly error: GatewayError };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(route: Route): CompiledRoute {
  const paramNames: string[] = [];
  let rank = 0;
  const source = route.path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(segment);
      if (!param) return `/${escapeRegExp(segment)}`;
      paramNames.push(param[1]!);
      rank += param[2] ? 100 : 1;
      return param[2] ? '/(.+)' : '/([^/]+)';
    })
    .join('');
  return { route, pattern: new RegExp(`^${source || '/'}/?$`), paramNames, rank };
}

export class Router {
  readonly #routes: readonly CompiledRoute[];
  /** First path segments of HTTP API routes: unknown paths below them answer as an HTTP API does. */
  readonly #httpPrefixes: ReadonlySet<string>;

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map(compile).sort((a, b) => a.rank - b.rank);
    this.#httpPrefixes = new Set(
      routes.filter((r) => r.api === 'http').map((r) => firstSegment(r.path)),
    );
  }

  /** `path` is the raw (still percent-encoded) path without the query string. */
  lookup(method: string, path: string): RouteLookup {
    let pathMatched = false;
    for (const compiled of this.#routes) {
      const found = compiled.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (compiled.route.method !== method) continue;
      const pathParameters =
        compiled.paramNames.length === 0
          ? null
          : Object.fromEntries(
              compiled.paramNames.map((name, i) => [name, safeDecode(found[i + 1]!)]),
            );
      return { kind: 'match', match: { route: compiled.route, pathParameters } };
    }
    // AWS has no 405: a REST API answers 403 "Missing Authentication Token" for any unknown
    // path or method (MISSING_AUTHENTICATION_TOKEN), an HTTP API 404 "Not Found".
    const api = this.#httpPrefixes.has(firstSegment(path)) ? 'http' : 'rest';
    const reason = pathMatched ? `no ${method} route for ${path}` : `no route for ${path}`;
    return {
      kind: 'none',
      api,
      error: api === 'http' ? routeNotFound(reason) : missingAuthenticationToken(reason),
    };
  }

  /** The routes whose template matches `path`, whatever their method (for CORS preflight). */
  routesForPath(path: string): Route[] {
    return this.#routes
      .filter((compiled) => compiled.pattern.test(path))
      .map((compiled) => compiled.route);
  }
}

function firstSegment(path: string): string {
  return path.split('/').find((segment) => segment !== '') ?? '';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
