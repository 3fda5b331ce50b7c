// The nine narrowing stages of filter chain matching, in Envoy's order, with the specificity each assigns and
// the texts traces use. See filter-chain-match.ts for the algorithm that runs them.
import { quote } from './ascii.js';
import { type Cidr, cidrContains, type IpAddress } from './cidr.js';

export type FilterChainField =
  | 'destination_port'
  | 'prefix_ranges'
  | 'server_names'
  | 'transport_protocol'
  | 'application_protocols'
  | 'direct_source_prefix_ranges'
  | 'source_type'
  | 'source_prefix_ranges'
  | 'source_ports';

export type SourceType = 'ANY' | 'SAME_IP_OR_LOOPBACK' | 'EXTERNAL';

export interface Chain {
  readonly index: number;
  readonly name: string | undefined;
  readonly port: number;
  readonly dst: readonly Cidr[];
  /** Lower case, as configured ("*.a.com"). */
  readonly serverNames: readonly string[];
  readonly transport: string;
  readonly alpn: readonly string[];
  readonly directSrc: readonly Cidr[];
  readonly sourceType: SourceType;
  readonly src: readonly Cidr[];
  readonly srcPorts: readonly number[];
}

export interface Conn {
  readonly port: number;
  readonly dstIp: IpAddress;
  readonly dstText: string;
  readonly sni: string;
  readonly transport: string;
  readonly alpn: readonly string[];
  readonly directIp: IpAddress;
  readonly directText: string;
  readonly local: boolean;
  readonly srcIp: IpAddress;
  readonly srcText: string;
  readonly srcPort: number;
}

/** One narrowing stage. score: -1 no match, 0 the catch-all (field empty), higher = more specific. */
export interface Stage {
  readonly field: FilterChainField;
  score(c: Chain, conn: Conn): number;
  /** The chain's value that matched (`any` for the catch-all); explain only. */
  matched(c: Chain, conn: Conn): string;
  /** The chain's configured values; explain only. */
  values(c: Chain): string;
  /** The connection's value; explain only. */
  input(conn: Conn): string;
}

const EXACT_NAME = 1_000_000;

/** The key Envoy files a server name under: "*.a.com" as ".a.com". */
export const nameKey = (name: string): string => (name.startsWith('*.') ? name.slice(1) : name);

function nameScore(name: string, sni: string): number {
  const key = nameKey(name);
  if (key === sni) return EXACT_NAME;
  return key.length > 1 && key.startsWith('.') && sni.length > key.length && sni.endsWith(key)
    ? key.length
    : -1;
}

function cidrStage(
  field: FilterChainField,
  pick: (c: Chain) => readonly Cidr[],
  ip: (conn: Conn) => IpAddress,
  text: (conn: Conn) => string,
): Stage {
  const best = (c: Chain, conn: Conn): Cidr | undefined => {
    let found: Cidr | undefined;
    for (const r of pick(c))
      if (cidrContains(r, ip(conn)) && (found === undefined || r.prefixLen > found.prefixLen)) found = r;
    return found;
  };
  return {
    field,
    score: (c, conn) => (pick(c).length === 0 ? 0 : (best(c, conn)?.prefixLen ?? -1)),
    matched: (c, conn) => best(c, conn)?.text ?? 'any',
    values: (c) =>
      pick(c)
        .map((r) => r.text)
        .join(', '),
    input: text,
  };
}

function bestBy<T>(items: readonly T[], score: (t: T) => number): T | undefined {
  let found: T | undefined;
  let top = -1;
  for (const t of items) {
    const s = score(t);
    if (s > top) [found, top] = [t, s];
  }
  return found;
}

export const STAGES: readonly Stage[] = [
  {
    field: 'destination_port',
    score: (c, conn) => (c.port === 0 ? 0 : c.port === conn.port ? 1 : -1),
    matched: (c) => (c.port === 0 ? 'any' : String(c.port)),
    values: (c) => String(c.port),
    input: (conn) => String(conn.port),
  },
  cidrStage(
    'prefix_ranges',
    (c) => c.dst,
    (conn) => conn.dstIp,
    (conn) => conn.dstText,
  ),
  {
    field: 'server_names',
    score: (c, conn) =>
      c.serverNames.length === 0 ? 0 : Math.max(-1, ...c.serverNames.map((n) => nameScore(n, conn.sni))),
    matched: (c, conn) => {
      const n = bestBy(c.serverNames, (name) => nameScore(name, conn.sni));
      return n === undefined ? 'any' : quote(n);
    },
    values: (c) => c.serverNames.map(quote).join(', '),
    input: (conn) => (conn.sni === '' ? '(no SNI)' : quote(conn.sni)),
  },
  {
    field: 'transport_protocol',
    score: (c, conn) => (c.transport === '' ? 0 : c.transport === conn.transport ? 1 : -1),
    matched: (c) => (c.transport === '' ? 'any' : quote(c.transport)),
    values: (c) => quote(c.transport),
    input: (conn) => quote(conn.transport),
  },
  {
    field: 'application_protocols',
    // The earlier a protocol comes in the client's list, the higher its score.
    score: (c, conn) =>
      c.alpn.length === 0
        ? 0
        : Math.max(
            -1,
            ...c.alpn.map((p) => (conn.alpn.includes(p) ? conn.alpn.length - conn.alpn.indexOf(p) : -1)),
          ),
    matched: (c, conn) => {
      if (c.alpn.length === 0) return 'any';
      const first = conn.alpn.find((p) => c.alpn.includes(p));
      return first === undefined ? 'any' : quote(first);
    },
    values: (c) => c.alpn.map(quote).join(', '),
    input: (conn) => (conn.alpn.length === 0 ? '(no ALPN)' : `[${conn.alpn.map(quote).join(', ')}]`),
  },
  cidrStage(
    'direct_source_prefix_ranges',
    (c) => c.directSrc,
    (conn) => conn.directIp,
    (conn) => conn.directText,
  ),
  {
    field: 'source_type',
    score: (c, conn) =>
      c.sourceType === 'ANY' ? 1 : (c.sourceType === 'SAME_IP_OR_LOOPBACK') === conn.local ? 2 : -1,
    matched: (c) => c.sourceType,
    values: (c) => c.sourceType,
    input: (conn) => (conn.local ? 'a local connection (same IP or loopback)' : 'an external connection'),
  },
  cidrStage(
    'source_prefix_ranges',
    (c) => c.src,
    (conn) => conn.srcIp,
    (conn) => conn.srcText,
  ),
  {
    field: 'source_ports',
    score: (c, conn) => (c.srcPorts.length === 0 ? 0 : c.srcPorts.includes(conn.srcPort) ? 1 : -1),
    matched: (c, conn) => (c.srcPorts.length === 0 ? 'any' : String(conn.srcPort)),
    values: (c) => c.srcPorts.join(', '),
    input: (conn) => String(conn.srcPort),
  },
];
