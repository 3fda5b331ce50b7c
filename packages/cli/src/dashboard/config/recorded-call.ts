// A recorded request (RequestRecord) as the simulator's call through the proxy that reported it, and the random
// draw that makes a weighted pick land where the request actually went. Shared by the decision trace and what-if.
// Invariant: the draw of a record depends only on the record (its request id, else its id), so a replay of the
// same record under another config uses the same draw: a weighted route compares like for like.
import { resolveShortName } from '@minimesh/model';
import { type ListenerCall, type SimulatedCall, type SimulationResult, simulate } from '@minimesh/translator';
import type { RequestRecord } from '../protocol.js';
import type { NodeTranslation } from './node-translation.js';
import { TraceError } from './trace-error.js';

/** The parts of an Istio cluster name `DIRECTION|PORT|SUBSET|HOST`; undefined for other names. */
export interface ClusterName {
  readonly direction: 'outbound' | 'inbound';
  readonly port: number;
  readonly subset: string;
  readonly host: string;
}

export function parseClusterName(name: string | undefined): ClusterName | undefined {
  const m = /^(outbound|inbound)\|(\d+)\|([^|]*)\|(.*)$/.exec(name ?? '');
  if (m === null) return undefined;
  return {
    direction: m[1] as 'outbound' | 'inbound',
    port: Number(m[2]),
    subset: m[3] ?? '',
    host: m[4] ?? '',
  };
}

/** Host and port of an authority (`reviews:9080`, `[::1]:80`, `bookinfo`); port undefined when absent. */
export function splitAuthority(authority: string): { host: string; port?: number } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(authority);
  if (m === null) return { host: authority };
  const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
  return m[2] === undefined ? { host } : { host, port: Number(m[2]) };
}

/** Draws are in [0, DRAW_RANGE): a multiple of every usual total weight (100, 1000, 10000). */
const DRAW_RANGE = 1_000_000;

/** The record's stable per-request draw (FNV-1a of its request id, else of its id). */
export function drawOf(record: RequestRecord): number {
  const key = record.requestId ?? `#${record.id}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % DRAW_RANGE;
}

function lowerKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** The gateway's listen port: the authority's when a listener binds it, else 8080, else 80, else the first. */
function gatewayPort(t: NodeTranslation, authorityPort: number | undefined): number {
  const ports = t.translation.listeners.map((l) => l.address?.socket_address?.port_value ?? 0);
  if (authorityPort !== undefined && ports.includes(authorityPort)) return authorityPort;
  if (ports.includes(8080)) return 8080;
  if (ports.includes(80)) return 80;
  return ports[0] ?? authorityPort ?? 80;
}

/**
 * The call `record` describes, through `t`'s proxy, with `random` = the record's draw. A destination-reported
 * record is an inbound call to the instance's pod IP on the port of its `inbound|PORT||` cluster (else the
 * authority's); without either, TraceError TRACE_INBOUND.
 */
export function recordedCall(record: RequestRecord, t: NodeTranslation): ListenerCall {
  const { host, port: authorityPort } = splitAuthority(record.authority);
  const cluster = parseClusterName(record.cluster);
  const base = {
    host: record.authority,
    path: record.path === '' ? '/' : record.path,
    method: record.method === '' ? 'GET' : record.method,
    headers: lowerKeys(record.headers),
    random: drawOf(record),
  };
  if (record.reporter === 'destination') {
    const port = cluster?.direction === 'inbound' ? cluster.port : authorityPort;
    if (port === undefined || t.instance.proxyType !== 'sidecar')
      throw new TraceError(
        'TRACE_INBOUND',
        `request ${record.id} was reported by ${record.proxy} as the destination, with cluster ${record.cluster ?? '(none)'}: expected an inbound|PORT|| cluster or an authority with a port to find its inbound listener`,
      );
    return { ...base, port, address: t.instance.address, proxyType: 'sidecar', direction: 'inbound' };
  }
  if (t.instance.proxyType === 'router')
    return { ...base, port: gatewayPort(t, authorityPort), proxyType: 'router' };
  const port = cluster?.direction === 'outbound' ? cluster.port : (authorityPort ?? 80);
  // The app dials the service's VIP (what DNS answers for the name): the address a TCP listener matches.
  const fqdn =
    cluster?.direction === 'outbound' ? cluster.host : resolveShortName(host, t.instance.namespace);
  const vip = t.registry.service(fqdn, t.instance.namespace)?.addresses[0];
  return { ...base, port, proxyType: 'sidecar', ...(vip === undefined ? {} : { address: vip }) };
}

/**
 * A draw that lands a weighted pick of `weighted` on `cluster`, as close to `draw` as the pick allows: `draw` when
 * it already lands there, else `draw` with its position inside the total weight moved into the cluster's bucket
 * (bucket start plus the position modulo the bucket's weight; the multiple of the total is kept, so distinct
 * draws stay distinct). Undefined when the cluster is not one of the entries (or has no weight).
 */
export function drawLandingOn(
  weighted: NonNullable<SimulationResult['weighted']>,
  cluster: string,
  draw: number,
): number | undefined {
  if (weighted.totalWeight <= 0) return undefined;
  let start = 0;
  for (const c of weighted.clusters) {
    if (c.name === cluster && c.weight > 0) {
      const at = draw % weighted.totalWeight;
      return at >= start && at < start + c.weight ? draw : draw - at + start + (at % c.weight);
    }
    start += c.weight;
  }
  return undefined;
}

/** Simulates `call`; when the pick was weighted and missed the record's cluster, again with a draw landing on it. */
export function simulateAsRecorded(
  record: RequestRecord,
  t: NodeTranslation,
  call: SimulatedCall,
): { call: SimulatedCall; result: SimulationResult } {
  const result = simulate(t.translation, call);
  if (result.weighted === undefined || record.cluster === undefined || result.cluster === record.cluster)
    return { call, result };
  const random = drawLandingOn(result.weighted, record.cluster, call.random ?? 0);
  if (random === undefined) return { call, result };
  const again = { ...call, random };
  return { call: again, result: simulate(t.translation, again) };
}
