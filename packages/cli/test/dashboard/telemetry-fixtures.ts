// Shared by the telemetry tests: Istio's bookinfo (read from the samples) planned as `mesh dev` plans it, and
// access log messages built as the proxies send them, round-tripped through the model codec as the ALS server
// receives them.
import { readFileSync } from 'node:fs';
import {
  decode,
  encode,
  formatDiagnostic,
  type HTTPAccessLogEntry,
  loadManifests,
  type StreamAccessLogsMessage,
} from '@minimesh/model';
import { type AddressPlan, planAddresses } from '../../src/dev/address-plan.js';
import { planInstances } from '../../src/dev/control-plane-workloads.js';
import { type LocalWorkload, planWorkloads, type WorkloadPlan } from '../../src/dev/workloads.js';
import { ISTIO_BOOKINFO } from '../offline-fixtures.js';

export interface Bookinfo {
  readonly plan: WorkloadPlan;
  readonly addresses: AddressPlan;
  /** The instance of a workload (its first pod). */
  instance(workload: string): LocalWorkload;
  /** `127.0.0.1:PORT` of the instance's sidecar inbound capture for container port 9080. */
  inbound(workload: string): string;
  /** `127.0.0.1:PORT` where the instance's app listens (container port 9080). */
  app(workload: string): string;
}

export function bookinfo(): Bookinfo {
  const loaded = loadManifests(readFileSync(ISTIO_BOOKINFO, 'utf8'), { file: ISTIO_BOOKINFO });
  if (!loaded.ok) throw new Error(loaded.errors.map(formatDiagnostic).join('\n'));
  const plan = planWorkloads(loaded.resources);
  let port = 30000;
  const addresses = planAddresses(planInstances(plan), () => port++);
  const instance = (workload: string): LocalWorkload => {
    const w = plan.instances.find((i) => i.workloadName === workload);
    if (w === undefined) throw new Error(`bookinfo has no workload ${workload}`);
    return w;
  };
  const local = (workload: string) => {
    const w = instance(workload);
    const a = addresses.pod(w.podName, w.namespace);
    if (a === undefined) throw new Error(`no addresses for ${w.podName}`);
    return a;
  };
  return {
    plan,
    addresses,
    instance,
    inbound: (workload) => `127.0.0.1:${local(workload).inboundPorts[9080]}`,
    app: (workload) => `127.0.0.1:${local(workload).appPorts[9080]}`,
  };
}

export interface EntrySpec {
  readonly startMs: number;
  readonly durationMs?: number;
  readonly cluster?: string;
  readonly upstream?: string;
  readonly downstream?: string;
  readonly status?: number;
  readonly method?: 'GET' | 'POST';
  readonly path?: string;
  readonly authority?: string;
  readonly flags?: NonNullable<NonNullable<HTTPAccessLogEntry['common_properties']>['response_flags']>;
  readonly route?: string;
  readonly requestId?: string;
  readonly headers?: Record<string, string>;
  readonly details?: string;
}

function address(text: string) {
  const colon = text.lastIndexOf(':');
  return { socket_address: { address: text.slice(0, colon), port_value: Number(text.slice(colon + 1)) } };
}

/** An HTTP entry as the proxy builds it (packages/proxy/src/access-log/http-log-entry.ts). */
export function entry(spec: EntrySpec): HTTPAccessLogEntry {
  const ms = spec.durationMs ?? 10;
  const seconds = Math.floor(ms / 1000);
  const common: NonNullable<HTTPAccessLogEntry['common_properties']> = {
    start_time: {
      seconds: String(Math.floor(spec.startMs / 1000)),
      nanos: (spec.startMs % 1000) * 1_000_000,
    },
    time_to_last_downstream_tx_byte: {
      seconds: String(seconds),
      nanos: Math.round((ms - seconds * 1000) * 1e6),
    },
  };
  if (spec.cluster !== undefined) common.upstream_cluster = spec.cluster;
  if (spec.upstream !== undefined) common.upstream_remote_address = address(spec.upstream);
  common.downstream_remote_address = address(spec.downstream ?? '127.0.0.1:51000');
  if (spec.flags !== undefined) common.response_flags = spec.flags;
  if (spec.route !== undefined) common.route_name = spec.route;
  const request: NonNullable<HTTPAccessLogEntry['request']> = {
    request_method: spec.method ?? 'GET',
    authority: spec.authority ?? 'reviews:9080',
    path: spec.path ?? '/reviews/0',
  };
  if (spec.requestId !== undefined) request.request_id = spec.requestId;
  if (spec.headers !== undefined) request.request_headers = spec.headers;
  const response: NonNullable<HTTPAccessLogEntry['response']> = {};
  if ((spec.status ?? 200) > 0) response.response_code = { value: spec.status ?? 200 };
  if (spec.details !== undefined) response.response_code_details = spec.details;
  return { common_properties: common, protocol_version: 'HTTP11', request, response };
}

const MESSAGE = 'envoy.service.accesslog.v3.StreamAccessLogsMessage';

/** A batch as the ALS server hands it over: encoded by the sender, decoded by the server. */
export function batch(entries: readonly HTTPAccessLogEntry[], nodeId?: string): StreamAccessLogsMessage {
  const message: StreamAccessLogsMessage = {
    ...(nodeId === undefined
      ? {}
      : { identifier: { node: { id: nodeId }, log_name: 'http_envoy_accesslog' } }),
    http_logs: { log_entry: [...entries] },
  };
  return decode(MESSAGE, encode(MESSAGE, message)) as StreamAccessLogsMessage;
}

/** `count` entries one per `stepMs` from `startMs`, `errors` of them (the first ones) answered 503. */
export function entries(
  count: number,
  base: Omit<EntrySpec, 'startMs' | 'status'> & { startMs: number; stepMs?: number; errors?: number },
): HTTPAccessLogEntry[] {
  const out: HTTPAccessLogEntry[] = [];
  for (let i = 0; i < count; i++)
    out.push(
      entry({
        ...base,
        startMs: base.startMs + i * (base.stepMs ?? 0),
        status: i < (base.errors ?? 0) ? 503 : 200,
      }),
    );
  return out;
}

export const REVIEWS_V1 = 'outbound|9080|v1|reviews.default.svc.cluster.local';
export const REVIEWS = 'outbound|9080||reviews.default.svc.cluster.local';
export const PRODUCTPAGE = 'outbound|9080||productpage.default.svc.cluster.local';
export const INBOUND = 'inbound|9080||';
/** A fixed epoch second the tests start at (2026-01-01T00:00:00Z). */
export const T0 = 1_767_225_600_000;
