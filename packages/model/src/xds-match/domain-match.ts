// Virtual host selection by host, as Envoy's RouteMatcher::findVirtualHost does it:
// 1. exact domains, 2. suffix wildcards "*.foo.com" / "*-bar.foo.com" (longest first), 3. prefix wildcards
// "foo.*" (longest first), 4. "*". Hosts and domains compare ASCII-case-insensitively; a wildcard stands for at
// least one character ("*.foo.com" does not match "foo.com" nor ".foo.com").
//
// Ports. Envoy matches the host as it is, port included: "foo.com:8080" does not match domain "foo.com" (it can
// match "foo.com:8080", "foo.*", "*" ...); Envoy never retries without the port. Three settings change that, all
// implemented here:
// - HttpConnectionManager.strip_any_host_port (portHandling 'strip-any') rewrites :authority without its port
//   before routing, when the port is numeric;
// - HttpConnectionManager.strip_matching_host_port ('strip-matching') does so only when the port equals the
//   listener's port (listenerPort);
// - RouteConfiguration.ignore_port_in_host_matching drops whatever follows the port colon for the lookup only
//   (header matchers still see the port).
// The port colon is the last ":" unless a "]" follows it, so "[::1]:80" has port 80 and "[::1]" has none.
import type { VirtualHost } from '../generated/types/envoy/config/route/v3/VirtualHost.js';
import { asciiLower, quote } from './ascii.js';
import { type ExplainOption, type MatchResult, XdsMatchError } from './match-result.js';
import { parseUint64 } from './numbers.js';

export type PortHandling = 'exact' | 'strip-any' | 'strip-matching';

/** The HttpConnectionManager settings that rewrite :authority before routing. */
export interface HostNormalization {
  /** 'exact' (Envoy's default) keeps the port; see the file comment for the others. */
  readonly portHandling?: PortHandling;
  /** The listener's port; required by 'strip-matching'. */
  readonly listenerPort?: number;
  /** HttpConnectionManager.strip_trailing_host_dot: "foo.com." and "foo.com.:80" lose the dot. */
  readonly stripTrailingHostDot?: boolean;
}

/** Index of the colon before the port in `host`, or -1 (Envoy's HeaderUtility::getPortStart). */
export function getPortStart(host: string): number {
  const colon = host.lastIndexOf(':');
  if (colon < 0) return -1;
  const bracket = host.lastIndexOf(']');
  return bracket < 0 || bracket < colon ? colon : -1;
}

function stripTrailingDot(host: string): string {
  const dot = host.lastIndexOf('.');
  if (dot < 0) return host;
  if (dot === host.length - 1) return host.slice(0, dot);
  return host[dot + 1] === ':' ? host.slice(0, dot) + host.slice(dot + 1) : host;
}

/** :authority after the connection manager's rewrites (trailing dot, then port stripping). */
export function normalizeAuthority(authority: string, options: HostNormalization = {}): string {
  const host = options.stripTrailingHostDot === true ? stripTrailingDot(authority) : authority;
  const handling = options.portHandling ?? 'exact';
  if (handling === 'exact') return host;
  if (handling === 'strip-matching' && options.listenerPort === undefined) {
    throw new RangeError('portHandling "strip-matching" needs listenerPort');
  }
  const colon = getPortStart(host);
  if (colon < 0) return host;
  const port = parseUint64(host.slice(colon + 1));
  if (port === undefined || port > 0xffffffffn) return host;
  if (handling === 'strip-matching' && port !== BigInt(options.listenerPort ?? -1)) return host;
  return host.slice(0, colon);
}

/** The lookup key: lower case, and port-less when ignore_port_in_host_matching is set. */
export function hostLookupKey(authority: string, ignorePortInHostMatching: boolean): string {
  const colon = ignorePortInHostMatching ? getPortStart(authority) : -1;
  return asciiLower(colon < 0 ? authority : authority.slice(0, colon));
}

/** Why a virtual host was not chosen for the host. */
export interface DomainMismatch {
  readonly virtualHostIndex: number;
  readonly virtualHostName?: string;
  readonly field: 'domain';
  /** e.g. `domain: none of "a.com", "*.b.com" matches "x.com"`. */
  readonly detail: string;
}

export interface VirtualHostMatch extends MatchResult<VirtualHost, DomainMismatch> {
  /** The lookup key that was matched (lower case, after port handling). */
  readonly host: string;
  /** The domain of the chosen virtual host that matched, as configured. */
  readonly domain: string | undefined;
}

interface Entry {
  readonly index: number;
  readonly domain: string;
}

export interface CompiledVirtualHosts {
  readonly virtualHosts: readonly VirtualHost[];
  /** The chosen virtual host for a lookup key (see hostLookupKey), or undefined. */
  find(host: string): { readonly index: number; readonly domain: string } | undefined;
  match(host: string, explain: boolean): VirtualHostMatch;
}

/** Domain rank: lower wins. Exact 0, suffix wildcards 1 + 1/len, prefix wildcards 2 + 1/len, "*" 3, no match ∞. */
function rank(domain: string, host: string): number {
  const d = asciiLower(domain);
  if (d === '*') return 3;
  if (d.startsWith('*')) {
    const suffix = d.slice(1);
    return suffix.length < host.length && host.endsWith(suffix) ? 1 + 1 / (suffix.length + 1) : Infinity;
  }
  if (d.endsWith('*')) {
    const prefix = d.slice(0, -1);
    return prefix.length < host.length && host.startsWith(prefix) ? 2 + 1 / (prefix.length + 1) : Infinity;
  }
  return d === host ? 0 : Infinity;
}

/** Groups wildcard entries by the length of their fixed part, longest first. */
function byLength(map: Map<number, Map<string, Entry>>): Array<readonly [number, Map<string, Entry>]> {
  return [...map.entries()].sort((a, b) => b[0] - a[0]);
}

/** Compiles the domain index. Throws XdsMatchError for duplicate domains, two "*" or a host without domains. */
export function compileVirtualHosts(
  virtualHosts: readonly VirtualHost[],
  path = 'virtual_hosts',
): CompiledVirtualHosts {
  const exact = new Map<string, Entry>();
  const suffixes = new Map<number, Map<string, Entry>>();
  const prefixes = new Map<number, Map<string, Entry>>();
  let star: Entry | undefined;
  const add = (groups: Map<number, Map<string, Entry>>, key: string, entry: Entry): boolean => {
    let group = groups.get(key.length);
    if (group === undefined) {
      group = new Map();
      groups.set(key.length, group);
    }
    if (group.has(key)) return false;
    group.set(key, entry);
    return true;
  };
  virtualHosts.forEach((vh, index) => {
    const domains = vh.domains ?? [];
    if (domains.length === 0) {
      throw new XdsMatchError(`${path}[${index}].domains`, 'at least one domain is required');
    }
    domains.forEach((domain, j) => {
      const d = asciiLower(domain);
      const entry = { index, domain };
      let unique = true;
      if (d === '*') {
        if (star !== undefined) {
          throw new XdsMatchError(
            `${path}[${index}].domains[${j}]`,
            'only one virtual host may have domain "*"',
          );
        }
        star = entry;
      } else if (d.startsWith('*')) unique = add(suffixes, d.slice(1), entry);
      else if (d.endsWith('*')) unique = add(prefixes, d.slice(0, -1), entry);
      else if (exact.has(d)) unique = false;
      else exact.set(d, entry);
      if (!unique) {
        throw new XdsMatchError(`${path}[${index}].domains[${j}]`, `duplicate domain ${quote(domain)}`);
      }
    });
  });
  const suffixGroups = byLength(suffixes);
  const prefixGroups = byLength(prefixes);

  const find = (host: string): Entry | undefined => {
    const e = exact.get(host);
    if (e !== undefined) return e;
    // `len < host.length`: the wildcard stands for at least one character.
    for (const [len, group] of suffixGroups) {
      if (len >= host.length) continue;
      const hit = group.get(host.slice(host.length - len));
      if (hit !== undefined) return hit;
    }
    for (const [len, group] of prefixGroups) {
      if (len >= host.length) continue;
      const hit = group.get(host.slice(0, len));
      if (hit !== undefined) return hit;
    }
    return star;
  };

  const explainOthers = (host: string, chosen: Entry | undefined): DomainMismatch[] => {
    const trace: DomainMismatch[] = [];
    virtualHosts.forEach((vh, index) => {
      if (chosen !== undefined && chosen.index === index) return;
      const domains = vh.domains ?? [];
      let best: string | undefined;
      let bestRank = Infinity;
      for (const d of domains) {
        const r = rank(d, host);
        if (r < bestRank) [best, bestRank] = [d, r];
      }
      const detail =
        best === undefined || chosen === undefined
          ? `domain: none of ${domains.map(quote).join(', ')} matches ${quote(host)}`
          : `domain: ${quote(best)} matches ${quote(host)}, but ${quote(chosen.domain)} (virtual host ${chosen.index}) is more specific`;
      const name = vh.name === undefined || vh.name === '' ? {} : { virtualHostName: vh.name };
      trace.push({ virtualHostIndex: index, ...name, field: 'domain', detail });
    });
    return trace;
  };

  return {
    virtualHosts,
    find,
    match(host, explain) {
      const hit = find(host);
      const base = {
        matched: hit === undefined ? undefined : virtualHosts[hit.index],
        index: hit?.index ?? -1,
        host,
        domain: hit?.domain,
      };
      return explain ? { ...base, trace: explainOthers(host, hit) } : base;
    },
  };
}

export interface VirtualHostMatchOptions extends HostNormalization, ExplainOption {
  /** RouteConfiguration.ignore_port_in_host_matching. */
  readonly ignorePortInHostMatching?: boolean;
}

/** Plain form: the virtual host Envoy picks for `authority`. Compiles on every call. */
export function matchVirtualHost(
  virtualHosts: readonly VirtualHost[],
  authority: string,
  options: VirtualHostMatchOptions = {},
): VirtualHostMatch {
  const host = hostLookupKey(
    normalizeAuthority(authority, options),
    options.ignorePortInHostMatching === true,
  );
  return compileVirtualHosts(virtualHosts).match(host, options.explain === true);
}
