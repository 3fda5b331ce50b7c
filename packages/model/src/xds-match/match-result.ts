// Shapes shared by every matcher: the result, the route mismatch reason, and the error thrown for configuration
// Envoy itself would reject (the proxy NACKs such a resource; the simulator reports it).
import { ModelError } from '../errors/model-error.js';

/** Options every matcher takes. `explain` builds the trace; without it no string is built on the match path. */
export interface ExplainOption {
  readonly explain?: boolean;
}

/**
 * What a matcher returns. `index` is the position of `matched` in the candidate list it came from, -1 when nothing
 * matched. `trace` is present only when called with `{ explain: true }`.
 */
export interface MatchResult<T, R> {
  readonly matched: T | undefined;
  readonly index: number;
  readonly trace?: readonly R[];
}

/** The part of a route's match that rejected the request. `:method` header matchers report `method`. */
export type RouteMismatchField =
  | 'path'
  | 'method'
  | 'header'
  | 'query'
  | 'grpc'
  | 'tls'
  | 'runtime'
  | 'unsupported';

/** Why one route (at `routeIndex` in its virtual host) did not match. Only the first failing condition is given. */
export interface MismatchReason {
  readonly routeIndex: number;
  readonly routeName?: string;
  readonly field: RouteMismatchField;
  /** e.g. `header end-user: exact "jason" != "alice"`, `path: prefix "/api" does not match "/v1/x"`. */
  readonly detail: string;
}

/** Stable code of XdsMatchError. */
export const XDS_MATCH_CONFIG_ERROR = 'MM_XDS_MATCH_CONFIG';

/**
 * A resource Envoy would reject when loading it (invalid RE2, duplicate domain, overlapping filter chains, weights
 * summing to 0 ...). Thrown by the compile functions, and by the plain forms, which compile first.
 */
export class XdsMatchError extends ModelError {
  /** Field path inside the resource, e.g. `virtual_hosts[0].routes[2].match.safe_regex.regex`. */
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(XDS_MATCH_CONFIG_ERROR, path === '' ? message : `${path}: ${message}`, options);
    this.name = 'XdsMatchError';
    this.path = path;
  }
}
