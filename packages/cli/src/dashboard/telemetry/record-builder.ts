// One access log entry -> one RequestRecord: who reported it (Istio's reporter: `destination` for a sidecar's
// inbound cluster, else `source`), its two ends as the mesh directory names them, and every field the page shows.
// Ends: the source of a source-reported entry is the reporting proxy's workload (a gateway for a gateway); of a
// destination-reported one, the workload at the downstream address, else the source of the same request (by
// x-request-id) when its client's entry came first, else `unknown`. The destination is the workload serving at the
// upstream host; for a request no host answered (a fault abort, no healthy upstream), the one workload behind its
// cluster's endpoints, else the one workload its cluster was last seen served by; else `external`
// (PassthroughCluster: the authority's host; a cluster naming a host: that host), else `unknown`.
import type { RequestRecord, WorkloadRef } from '../protocol.js';
import {
  type AccessLogEntry,
  addressHost,
  addressText,
  authorityHost,
  durationMs,
  methodText,
  protocolText,
  timestampMs,
} from './access-log-fields.js';
import { ClusterNameCache } from './cluster-name.js';
import type { MeshDirectory } from './mesh-directory.js';
import { formatResponseFlags } from './response-flags.js';
import { nodeIdOf } from './telemetry-keys.js';

/** The end of a request outside the mesh's knowledge: a client outside the mesh, or a host nobody answered for. */
export const UNKNOWN: WorkloadRef = Object.freeze({
  kind: 'unknown',
  namespace: '',
  workload: 'unknown',
  app: 'unknown',
});

/** Entries of the request id -> source map (about two seconds of traffic at 2,000 requests/s). */
const MAX_PEERS = 4096;

const EMPTY_COMMON: NonNullable<AccessLogEntry['common_properties']> = Object.freeze({});

export class RecordBuilder {
  readonly #clusters = new ClusterNameCache();
  /** The one workload each outbound cluster was seen served by (null: several); at most `maxCached` clusters. */
  readonly #clusterWorkload = new Map<string, WorkloadRef | null>();
  /** External refs by host, shared so the graph caches them by identity; at most `maxCached`. */
  readonly #externals = new Map<string, WorkloadRef>();
  /**
   * The source of recent source-reported requests by `x-request-id|destination workload`, so the same request's
   * destination-reported entry names its client (its downstream address, 127.0.0.1 on an ephemeral port, names
   * none). Best effort: it holds when the client's entry arrived first. At most MAX_PEERS, oldest dropped.
   */
  readonly #peers = new Map<string, WorkloadRef>();

  constructor(
    private readonly maxCached: number,
    private readonly versionAt: (timeMs: number) => number,
  ) {}

  /** The record of `entry` reported by `proxy` (whose workload is `reporterRef`), with id `id`. */
  build(
    id: number,
    directory: MeshDirectory,
    proxy: string,
    reporterRef: WorkloadRef | undefined,
    entry: AccessLogEntry,
  ): RequestRecord {
    const common = entry.common_properties ?? EMPTY_COMMON;
    const request = entry.request;
    const cluster = common.upstream_cluster ?? '';
    const parsed = this.#clusters.get(cluster);
    const endpoint = addressText(common.upstream_remote_address);
    const authority = request?.authority ?? '';
    const reporter = parsed.direction === 'inbound' ? 'destination' : 'source';
    let source: WorkloadRef;
    let destination: WorkloadRef;
    if (reporter === 'destination') {
      destination = reporterRef ?? UNKNOWN;
      const downstream = addressText(common.downstream_remote_address);
      source = (downstream === undefined ? undefined : directory.endpoint(downstream)) ?? UNKNOWN;
      const id = request?.request_id;
      if (source === UNKNOWN && id) source = this.#peers.get(`${id}|${destination.workload}`) ?? UNKNOWN;
    } else {
      source = reporterRef ?? UNKNOWN;
      const served = endpoint === undefined ? undefined : directory.endpoint(endpoint);
      destination =
        served !== undefined
          ? this.#served(cluster, served)
          : (directory.cluster?.(cluster) ??
            this.#unserved(cluster, parsed.direction, parsed.host, endpoint, authority));
      const id = request?.request_id;
      if (id && source !== UNKNOWN) {
        if (this.#peers.size >= MAX_PEERS) {
          const oldest = this.#peers.keys().next().value;
          if (oldest !== undefined) this.#peers.delete(oldest);
        }
        this.#peers.set(`${id}|${destination.workload}`, source);
      }
    }
    const time = timestampMs(common.start_time);
    const duration =
      common.duration !== undefined && common.duration !== null
        ? durationMs(common.duration)
        : durationMs(common.time_to_last_downstream_tx_byte);
    return {
      id,
      time,
      reporter,
      proxy,
      source,
      destination,
      service: parsed.host,
      method: methodText(request?.request_method),
      path: request?.path ?? '',
      authority,
      protocol: protocolText(entry.protocol_version),
      status: entry.response?.response_code?.value ?? 0,
      durationMs: duration,
      flags: formatResponseFlags(common.response_flags),
      responseCodeDetails: entry.response?.response_code_details || undefined,
      route: common.route_name || undefined,
      cluster: cluster || undefined,
      endpoint,
      requestId: request?.request_id || undefined,
      headers: request?.request_headers ?? undefined,
      configVersion: this.versionAt(time),
    };
  }

  /** Notes which workload served `cluster` (several: none is named later) and returns it. */
  #served(cluster: string, served: WorkloadRef): WorkloadRef {
    const seen = this.#clusterWorkload.get(cluster);
    if (seen === undefined) {
      if (this.#clusterWorkload.size < this.maxCached) this.#clusterWorkload.set(cluster, served);
    } else if (seen !== null && seen !== served && nodeIdOf(seen) !== nodeIdOf(served)) {
      this.#clusterWorkload.set(cluster, null);
    }
    return served;
  }

  #unserved(
    cluster: string,
    direction: string,
    host: string | undefined,
    endpoint: string | undefined,
    authority: string,
  ): WorkloadRef {
    if (endpoint === undefined) {
      const seen = this.#clusterWorkload.get(cluster);
      if (seen !== undefined && seen !== null) return seen;
    }
    if (direction === 'passthrough')
      return this.#external(authority ? authorityHost(authority) : addressHost(endpoint ?? 'unknown'));
    if (host !== undefined) return this.#external(host);
    return UNKNOWN;
  }

  #external(host: string): WorkloadRef {
    let ref = this.#externals.get(host);
    if (ref === undefined) {
      ref = Object.freeze({ kind: 'external', namespace: '', workload: host, app: host });
      if (this.#externals.size < this.maxCached) this.#externals.set(host, ref);
    }
    return ref;
  }
}
