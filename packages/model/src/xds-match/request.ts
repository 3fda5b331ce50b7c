// The HTTP request shape the matchers read, and its normalisation: header names folded to lower case, repeated
// values kept in order, pseudo headers (:authority, :path, :method, :scheme) taken from the request fields, the
// #fragment dropped from :path (Envoy's connection manager strips it before routing).
import { asciiLower } from './ascii.js';

/** Request headers by name. Names are case-insensitive; a name may repeat in different case and a value may be a list. */
export type HttpHeaders = Readonly<Record<string, string | readonly string[]>>;

/** Downstream TLS facts, for RouteMatch.tls_context. Absent means a plaintext connection (nothing presented). */
export interface RequestTls {
  readonly peerCertificatePresented?: boolean;
  readonly peerCertificateValidated?: boolean;
}

export interface HttpRequest {
  /** Host / :authority as received, with the port when the client sent one. */
  readonly authority: string;
  /** :path as received: path, then an optional ?query and #fragment. Empty only for a CONNECT without :path. */
  readonly path: string;
  readonly method: string;
  /** Other headers. A `host` entry is ignored: Envoy carries HTTP/1 Host as :authority, which `authority` gives. */
  readonly headers: HttpHeaders;
  /** :scheme; "http" when absent. */
  readonly scheme?: string;
  readonly tls?: RequestTls;
}

/** Header values by lower-case name. Several values of one name read as one, joined with "," (Envoy's rule). */
export class RequestHeaders {
  private readonly byName = new Map<string, string[]>();

  /** Adds one value under `name` (folded to lower case), after any earlier values of that name. */
  add(name: string, value: string): void {
    const key = asciiLower(name);
    const list = this.byName.get(key);
    if (list === undefined) this.byName.set(key, [value]);
    else list.push(value);
  }

  /** Replaces every value of `name` with `value`. */
  set(name: string, value: string): void {
    this.byName.set(asciiLower(name), [value]);
  }

  delete(name: string): void {
    this.byName.delete(asciiLower(name));
  }

  /** All values joined with ",", or undefined when the header is absent. `name` must be lower case. */
  get(name: string): string | undefined {
    const list = this.byName.get(name);
    if (list === undefined) return undefined;
    return list.length === 1 ? list[0] : list.join(',');
  }

  /** Every value, in arrival order (empty when absent). `name` must be lower case. */
  all(name: string): readonly string[] {
    return this.byName.get(name) ?? [];
  }
}

/** Builds RequestHeaders from a plain record; empty lists count as absent. */
export function toRequestHeaders(headers: HttpHeaders | undefined): RequestHeaders {
  const out = new RequestHeaders();
  if (headers === undefined) return out;
  for (const name of Object.keys(headers)) {
    const v = headers[name];
    if (typeof v === 'string') out.add(name, v);
    else if (v !== undefined) for (const item of v) out.add(name, item);
  }
  return out;
}

/** A request as the route matchers read it. */
export interface NormalizedRequest {
  /** :authority after the connection manager's host normalisation (port stripping, trailing dot). */
  readonly authority: string;
  /** :path without the #fragment; keeps the ?query. */
  readonly path: string;
  /** :path without ?query and #fragment: what prefix, path, safe_regex and path_separated_prefix match. */
  readonly pathOnly: string;
  readonly method: string;
  readonly scheme: string;
  readonly headers: RequestHeaders;
  readonly peerCertificatePresented: boolean;
  readonly peerCertificateValidated: boolean;
  /** Query parameters, first value of each name, not percent-decoded (parsed once, on first use). */
  query(): ReadonlyMap<string, string>;
}

/**
 * Envoy's QueryParamsMulti::parseQueryString keeping the first value of each name: everything after the first "?"
 * split on "&", each piece split at its first "="; a piece without "=" has value "". No percent-decoding.
 */
export function parseQueryFirstValues(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = path.indexOf('?');
  if (q < 0) return out;
  let start = q + 1;
  while (start < path.length) {
    let end = path.indexOf('&', start);
    if (end < 0) end = path.length;
    const eq = path.indexOf('=', start);
    const hasValue = eq >= 0 && eq < end;
    const name = path.slice(start, hasValue ? eq : end);
    if (!out.has(name)) out.set(name, hasValue ? path.slice(eq + 1, end) : '');
    start = end + 1;
  }
  return out;
}

/**
 * A normalised request. The header map is built on first read: most routes match on :authority and the path
 * only, and the proxy normalises every request it routes. A class with prototype accessors, not an object literal
 * with a getter: per-instance accessor closures kept whole request graphs alive through young-generation
 * collections in the proxy.
 */
class Normalized implements NormalizedRequest {
  #headers: RequestHeaders | undefined;
  #query: Map<string, string> | undefined;

  constructor(
    private readonly request: HttpRequest,
    readonly authority: string,
    readonly path: string,
    readonly pathOnly: string,
    readonly scheme: string,
  ) {}

  get method(): string {
    return this.request.method;
  }

  get peerCertificatePresented(): boolean {
    return this.request.tls?.peerCertificatePresented === true;
  }

  get peerCertificateValidated(): boolean {
    return this.request.tls?.peerCertificateValidated === true;
  }

  get headers(): RequestHeaders {
    if (this.#headers === undefined) {
      const headers = toRequestHeaders(this.request.headers);
      headers.delete('host');
      headers.set(':authority', this.authority);
      headers.set(':path', this.path);
      headers.set(':method', this.request.method);
      headers.set(':scheme', this.scheme);
      this.#headers = headers;
    }
    return this.#headers;
  }

  query(): ReadonlyMap<string, string> {
    this.#query ??= parseQueryFirstValues(this.path);
    return this.#query;
  }
}

/** Normalises `request`; `authority` overrides request.authority (the connection manager may have rewritten it). */
export function normalizeRequest(
  request: HttpRequest,
  authority: string = request.authority,
): NormalizedRequest {
  const hash = request.path.indexOf('#');
  const path = hash < 0 ? request.path : request.path.slice(0, hash);
  const qmark = path.indexOf('?');
  const pathOnly = qmark < 0 ? path : path.slice(0, qmark);
  return new Normalized(request, authority, path, pathOnly, request.scheme ?? 'http');
}
