// Listener filter chain selection, as Envoy's FilterChainManagerImpl does it without filter_chain_matcher. The
// chains are narrowed in nine stages, in this order: destination_port, prefix_ranges (destination IP),
// server_names, transport_protocol, application_protocols, direct_source_prefix_ranges, source_type,
// source_prefix_ranges, source_ports. At each stage only the chains holding the most specific value that matches
// the connection go on (an exact port beats no port; the longest matching prefix; an exact server name, then the
// longest "*.suffix", then no server_names; the first of the connection's ALPN values any chain lists; a matching
// source type beats ANY ...); chains that leave the field empty are the least specific match. There is no
// backtracking: once a stage narrows to chains that later fail, the result is default_filter_chain (or none),
// never a less specific chain. Envoy rejects listeners whose chains overlap; so does compileFilterChains.
// filter_chain_matcher (the xDS matcher tree) is not evaluated: such a listener gets an `unsupported` result.
import type { FilterChain } from '../generated/types/envoy/config/listener/v3/FilterChain.js';
import type { Listener } from '../generated/types/envoy/config/listener/v3/Listener.js';
import { asciiLower, quote } from './ascii.js';
import { type Cidr, compileCidrRange, type IpAddress, isLoopback, parseIp, sameIp } from './cidr.js';
import {
  type Chain,
  type Conn,
  type FilterChainField,
  nameKey,
  type SourceType,
  STAGES,
} from './filter-chain-stages.js';
import { type ExplainOption, type MatchResult, XdsMatchError } from './match-result.js';
import { uint32Value } from './proto.js';

/** The connection facts filter chains match on. */
export interface ConnectionInfo {
  readonly destinationPort: number;
  readonly destinationIp: string;
  /** SNI; absent or "" when the client sent none. Compared in lower case. */
  readonly serverName?: string;
  /** As a listener filter detected it: "tls", or "raw_buffer" (the default). */
  readonly transportProtocol?: string;
  /** ALPN values offered, in the client's order. */
  readonly applicationProtocols?: readonly string[];
  readonly sourceIp: string;
  readonly sourcePort: number;
  /** The peer of the TCP connection when sourceIp came from PROXY protocol; defaults to sourceIp. */
  readonly directSourceIp?: string;
}

export type { FilterChainField };

/** Why a filter chain was not selected: the stage that dropped it. */
export interface FilterChainMismatch {
  readonly chainIndex: number;
  readonly chainName?: string;
  readonly field: FilterChainField;
  /** e.g. `destination_port: 8080 does not match 15006`, `server_names: any is less specific than "a.com"`. */
  readonly detail: string;
}

export interface FilterChainMatchResult extends MatchResult<FilterChain, FilterChainMismatch> {
  /** True when `matched` is the listener's default_filter_chain; `index` is then -1. */
  readonly isDefault: boolean;
  /** Set when the listener needs what this module does not evaluate (filter_chain_matcher). */
  readonly unsupported?: string;
}

export interface CompiledFilterChains {
  match(connection: ConnectionInfo, options?: ExplainOption): FilterChainMatchResult;
}

function sourceTypeOf(v: unknown, path: string): SourceType {
  switch (v) {
    case undefined:
    case 'ANY':
    case 0:
      return 'ANY';
    case 'SAME_IP_OR_LOOPBACK':
    case 1:
      return 'SAME_IP_OR_LOOPBACK';
    case 'EXTERNAL':
    case 2:
      return 'EXTERNAL';
    default:
      throw new XdsMatchError(path, `unknown source_type ${JSON.stringify(v)}`);
  }
}

function port(value: number, path: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new XdsMatchError(path, `invalid port ${value}`);
  }
  return value;
}

function compileChain(fc: FilterChain, index: number, path: string): Chain {
  const m = fc.filter_chain_match ?? {};
  const at = `${path}.filter_chain_match`;
  if ((m.address_suffix ?? '') !== '' || (m.suffix_len !== undefined && m.suffix_len !== null)) {
    throw new XdsMatchError(at, 'address_suffix and suffix_len are not implemented by Envoy');
  }
  const serverNames = (m.server_names ?? []).map((n, i) => {
    if (n.includes('*') && !n.startsWith('*.')) {
      throw new XdsMatchError(`${at}.server_names[${i}]`, `partial wildcard ${quote(n)} is not supported`);
    }
    return asciiLower(n);
  });
  const cidrs = (field: 'prefix_ranges' | 'direct_source_prefix_ranges' | 'source_prefix_ranges'): Cidr[] =>
    (m[field] ?? []).map((r, i) => compileCidrRange(r, `${at}.${field}[${i}]`));
  return {
    index,
    name: fc.name === undefined || fc.name === '' ? undefined : fc.name,
    port: port(uint32Value(m.destination_port, 0), `${at}.destination_port`),
    dst: cidrs('prefix_ranges'),
    serverNames,
    transport: m.transport_protocol ?? '',
    alpn: m.application_protocols ?? [],
    directSrc: cidrs('direct_source_prefix_ranges'),
    sourceType: sourceTypeOf(m.source_type, `${at}.source_type`),
    src: cidrs('source_prefix_ranges'),
    srcPorts: (m.source_ports ?? []).map((p, i) => port(p, `${at}.source_ports[${i}]`)),
  };
}

/** Every combination of one value per field, as Envoy files a chain in its lookup tree; "" is the empty field. */
function leafKeys(c: Chain): string[] {
  const orAny = <T>(xs: readonly T[], key: (x: T) => string): string[] =>
    xs.length === 0 ? [''] : xs.map(key);
  const fields = [
    [String(c.port)],
    orAny(c.dst, (r) => r.text),
    orAny(c.serverNames, nameKey),
    [c.transport],
    orAny(c.alpn, (p) => p),
    orAny(c.directSrc, (r) => r.text),
    [c.sourceType],
    orAny(c.src, (r) => r.text),
    orAny(c.srcPorts, String),
  ];
  let keys = [''];
  for (const values of fields) keys = keys.flatMap((k) => values.map((v) => `${k}|${JSON.stringify(v)}`));
  return keys;
}

/**
 * Parsed connection addresses by their text: a proxy matches the same few addresses on every request (HTTP/2
 * streams are matched one by one), so they are parsed once. Bounded: cleared past 1,024 entries. The parsed
 * addresses are never mutated.
 */
const parsedIps = new Map<string, IpAddress>();

function parseConnectionIp(text: string, what: string): IpAddress {
  const known = parsedIps.get(text);
  if (known !== undefined) return known;
  const ip = parseIp(text);
  if (ip === undefined) throw new RangeError(`${what} ${quote(text)} is not an IPv4 or IPv6 address`);
  if (parsedIps.size >= 1024) parsedIps.clear();
  parsedIps.set(text, ip);
  return ip;
}

function connOf(ci: ConnectionInfo): Conn {
  const dstIp = parseConnectionIp(ci.destinationIp, 'destinationIp');
  const srcIp = parseConnectionIp(ci.sourceIp, 'sourceIp');
  const directText = ci.directSourceIp ?? ci.sourceIp;
  return {
    port: ci.destinationPort,
    dstIp,
    dstText: ci.destinationIp,
    sni: asciiLower(ci.serverName ?? ''),
    transport: ci.transportProtocol ?? 'raw_buffer',
    alpn: ci.applicationProtocols ?? [],
    directIp: parseConnectionIp(directText, 'directSourceIp'),
    directText,
    // Envoy's isSameIpOrLoopback: the (PROXY-protocol restored) source is loopback or equals the local address.
    local: isLoopback(srcIp) || sameIp(srcIp, dstIp),
    srcIp,
    srcText: ci.sourceIp,
    srcPort: ci.sourcePort,
  };
}

/** Compiles a listener's filter chains. Throws XdsMatchError for what Envoy rejects (overlaps, bad CIDRs ...). */
export function compileFilterChains(listener: Listener): CompiledFilterChains {
  if (listener.filter_chain_matcher !== undefined && listener.filter_chain_matcher !== null) {
    const unsupported = 'filter_chain_matcher (xDS matcher tree) is not supported';
    return { match: () => ({ matched: undefined, index: -1, isDefault: false, unsupported }) };
  }
  const filterChains = listener.filter_chains ?? [];
  const chains = filterChains.map((fc, i) => compileChain(fc, i, `filter_chains[${i}]`));
  const owner = new Map<string, number>();
  for (const c of chains) {
    for (const key of leafKeys(c)) {
      const other = owner.get(key);
      if (other !== undefined && other !== c.index) {
        throw new XdsMatchError(
          `filter_chains[${c.index}]`,
          `matching rules overlap with filter_chains[${other}]`,
        );
      }
      owner.set(key, c.index);
    }
  }
  const fallback = listener.default_filter_chain ?? undefined;

  return {
    match(connection, options = {}) {
      const conn = connOf(connection);
      const trace: FilterChainMismatch[] | undefined = options.explain === true ? [] : undefined;
      let candidates: readonly Chain[] = chains;
      for (const stage of STAGES) {
        if (candidates.length === 0) break;
        const scores = candidates.map((c) => stage.score(c, conn));
        const top = Math.max(...scores);
        // Every chain scoring `top` holds the same most specific value; `winner` is one of them.
        const winner = top < 0 ? undefined : candidates[scores.indexOf(top)];
        if (trace !== undefined) {
          const best = winner === undefined ? '' : stage.matched(winner, conn);
          candidates.forEach((c, i) => {
            const s = scores[i] ?? -1;
            if (s === top && winner !== undefined) return;
            const detail =
              s < 0
                ? `${stage.field}: ${stage.values(c)} does not match ${stage.input(conn)}`
                : `${stage.field}: ${stage.matched(c, conn)} is less specific than ${best}`;
            trace.push({
              chainIndex: c.index,
              ...(c.name === undefined ? {} : { chainName: c.name }),
              field: stage.field,
              detail,
            });
          });
        }
        candidates = winner === undefined ? [] : candidates.filter((_c, i) => scores[i] === top);
      }
      const chosen = candidates[0];
      const sorted = trace?.sort((a, b) => a.chainIndex - b.chainIndex);
      const withTrace = sorted === undefined ? {} : { trace: sorted };
      if (chosen !== undefined) {
        return { matched: filterChains[chosen.index], index: chosen.index, isDefault: false, ...withTrace };
      }
      return { matched: fallback, index: -1, isDefault: fallback !== undefined, ...withTrace };
    },
  };
}

/** Plain form: the filter chain Envoy picks for `connection`. Compiles on every call. */
export function matchFilterChain(
  listener: Listener,
  connection: ConnectionInfo,
  options: ExplainOption = {},
): FilterChainMatchResult {
  return compileFilterChains(listener).match(connection, options);
}
