// RouteAction.hash_policy: the request hash RING_HASH clusters use. Each policy hashes one request attribute
// (header value, cookie value, source IP, query parameter); policies combine as Envoy's HashPolicyImpl does:
// hash = rotl64(hash, 1) XOR next, and a policy with `terminal` that produced a hash stops the list. No hash when
// no policy produced one (the ring then picks at random). Cookies with a ttl are not generated when absent (Envoy
// would set one); filter_state policies are refused.
import type { RouteAction } from '@minimesh/model/xds';
import { hash64 } from '../cluster/lb/ring-hash.js';
import { ConfigRejectedError } from '../errors.js';
import type { HttpStream } from './http-stream.js';

type HashPolicy = NonNullable<RouteAction['hash_policy']>[number];
export type RequestHasher = (stream: HttpStream) => bigint | undefined;

const MASK = (1n << 64n) - 1n;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function attribute(p: HashPolicy, owner: string): (stream: HttpStream) => string | undefined {
  if (p.header !== undefined && p.header !== null) {
    const name = (p.header.header_name ?? '').toLowerCase();
    return (s) => {
      const v = s.req.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
  }
  if (p.cookie !== undefined && p.cookie !== null) {
    const name = p.cookie.name ?? '';
    return (s) => {
      const c = s.req.headers.cookie;
      return cookieValue(Array.isArray(c) ? c.join('; ') : c, name);
    };
  }
  if (p.connection_properties !== undefined && p.connection_properties !== null) {
    const on = p.connection_properties.source_ip === true;
    return (s) => (on ? s.req.socket.remoteAddress : undefined);
  }
  if (p.query_parameter !== undefined && p.query_parameter !== null) {
    const name = p.query_parameter.name ?? '';
    return (s) => {
      const q = s.path.indexOf('?');
      return q < 0 ? undefined : (new URLSearchParams(s.path.slice(q + 1)).get(name) ?? undefined);
    };
  }
  throw new ConfigRejectedError(
    'RouteConfiguration',
    owner,
    'hash_policy: only header, cookie, connection_properties and query_parameter are supported',
  );
}

/** The hasher of a route's hash_policy list, or undefined when it has none. */
export function compileHashPolicy(
  policies: readonly HashPolicy[] | undefined,
  owner: string,
): RequestHasher | undefined {
  if (policies === undefined || policies.length === 0) return undefined;
  const steps = policies.map((p) => ({ read: attribute(p, owner), terminal: p.terminal === true }));
  return (stream) => {
    let hash: bigint | undefined;
    for (const step of steps) {
      const value = step.read(stream);
      if (value === undefined) continue;
      const next = hash64(value);
      hash = hash === undefined ? next : (((hash << 1n) | (hash >> 63n)) & MASK) ^ next;
      if (step.terminal) break;
    }
    return hash;
  };
}
