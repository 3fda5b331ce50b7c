// Service names, the one place that owns them: the FQDN of a Kubernetes Service, Istio's short-name expansion in
// configs (ResolveShortnameToFQDN), gateway references (`ns/name`), and wildcard host semantics (host.Name's
// Matches and SubsetOf, MoreSpecific, MostSpecificHostMatch). Host names are compared as written: Istio does not
// fold case, and neither do we.
import { isIP } from 'node:net';

/** Kubernetes' default cluster domain. */
export const DEFAULT_DOMAIN_SUFFIX = 'cluster.local';

/** `reviews.default.svc.cluster.local`: the FQDN of Service `name` in `namespace` (`default` when empty). */
export function serviceFqdn(
  name: string,
  namespace = 'default',
  domainSuffix = DEFAULT_DOMAIN_SUFFIX,
): string {
  return `${name}.${namespace === '' ? 'default' : namespace}.svc.${domainSuffix}`;
}

/** `*`, `*.example.com`, `*example.com`: Istio treats any name starting with `*` as a wildcard. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/**
 * Istio's ResolveShortnameToFQDN: a name without a dot (`reviews`) is a Service of the config's namespace
 * (`reviews.<namespace>.svc.<domainSuffix>`). Names with a dot (`reviews.other`, `*.example.com`), the wildcard
 * `*`, IP addresses and the empty string are returned unchanged: Istio does not expand `name.namespace`.
 */
export function resolveShortName(
  host: string,
  namespace: string,
  domainSuffix = DEFAULT_DOMAIN_SUFFIX,
): string {
  if (host === '' || host === '*' || isIP(host) !== 0 || host.includes('.')) return host;
  const ns = namespace === '' ? '' : `.${namespace}`;
  const suffix = domainSuffix === '' ? '' : `.svc.${domainSuffix}`;
  return `${host}${ns}${suffix}`;
}

/** The mesh-wide pseudo gateway: every sidecar. */
export const MESH_GATEWAY_NAME = 'mesh';

/**
 * Istio's resolveGatewayName: the `ns/name` a VirtualService's gateway reference means. `name` is in the config's
 * namespace, `./name` too, `ns/name` is kept, the legacy FQDN `name.ns.svc.cluster.local` (or `name.ns`) becomes
 * `ns/name`, and `mesh` stays `mesh`.
 */
export function resolveGatewayName(gateway: string, namespace: string): string {
  if (gateway === MESH_GATEWAY_NAME) return gateway;
  const slash = gateway.indexOf('/');
  if (slash >= 0) {
    return gateway.slice(0, slash) === '.' ? `${namespace}/${gateway.slice(slash + 1)}` : gateway;
  }
  const dot = gateway.indexOf('.');
  if (dot < 0) return `${namespace}/${gateway}`;
  const rest = gateway.slice(dot + 1);
  const next = rest.indexOf('.');
  return `${next < 0 ? rest : rest.slice(0, next)}/${gateway.slice(0, dot)}`;
}

/**
 * True when every name `host` stands for is also covered by `pattern` (Istio's SubsetOf): `a.example.com` is
 * covered by `*.example.com` and `*`; `*.a.example.com` by `*.example.com`; `example.com` is not covered by
 * `*.example.com`; two plain names must be equal.
 */
export function hostMatches(host: string, pattern: string): boolean {
  const hw = isWildcardHost(host);
  const pw = isWildcardHost(pattern);
  if (hw) {
    if (!pw) return false;
    return host.length >= pattern.length && host.slice(1).endsWith(pattern.slice(1));
  }
  if (pw) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

/**
 * True when some name is covered by both `a` and `b` (Istio's Matches): equal plain names, a plain name under a
 * wildcard, or two wildcards one of which is a suffix of the other. Symmetric.
 */
export function hostsIntersect(a: string, b: string): boolean {
  const aw = isWildcardHost(a);
  const bw = isWildcardHost(b);
  if (aw && bw) {
    return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  }
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/**
 * Istio's MoreSpecific as a sort comparator: plain names before wildcards, then longer before shorter, then
 * alphabetical. Negative when `a` is more specific than `b`.
 */
export function compareHostSpecificity(a: string, b: string): number {
  const aw = isWildcardHost(a);
  const bw = isWildcardHost(b);
  if (aw !== bw) return aw ? 1 : -1;
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Istio's MostSpecificHostMatch: among `candidates` (config hosts), the one that best matches `needle` (a
 * service hostname): the exact name first, else the most specific wildcard covering it. For a wildcard needle
 * only wildcard candidates are considered. Undefined when none matches.
 */
export function mostSpecificHostMatch(needle: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  const needleWild = isWildcardHost(needle);
  const tail = needleWild ? needle.slice(1) : needle;
  for (const c of candidates) {
    if (c === needle) return c;
    if (!isWildcardHost(c) || !tail.endsWith(c.slice(1))) continue;
    if (best === undefined || compareHostSpecificity(c, best) < 0) best = c;
  }
  return best;
}
