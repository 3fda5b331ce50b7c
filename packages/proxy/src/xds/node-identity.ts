// The Node the proxy presents to the control plane, in Istio's form. The id is
// `<type>~<ip>~<pod>.<namespace>~<namespace>.svc.cluster.local` with type "sidecar" or "router" (a gateway); istiod
// reads the proxy's IP, pod name and namespace from it, and its metadata from Node.metadata (a Struct with
// ISTIO_VERSION, NAMESPACE, NAME, CLUSTER_ID, LABELS, INSTANCE_IPS ... as pilot-agent writes them).
import type { Node } from '@minimesh/model/xds';
import { InvalidOptionError } from '../errors.js';

export interface NodeIdentity {
  readonly type: 'sidecar' | 'router';
  readonly ip: string;
  /** `<pod>.<namespace>`. */
  readonly podId: string;
  readonly domain: string;
  readonly podName: string;
  readonly namespace: string;
}

/** Parses an Istio node id. Throws InvalidOptionError for anything else. */
export function parseNodeId(id: string): NodeIdentity {
  const parts = id.split('~');
  if (parts.length !== 4) {
    throw new InvalidOptionError(
      `node id ${JSON.stringify(id)} is not <sidecar|router>~<ip>~<pod>.<namespace>~<domain>`,
    );
  }
  const [type, ip, podId, domain] = parts as [string, string, string, string];
  if (type !== 'sidecar' && type !== 'router') {
    throw new InvalidOptionError(
      `node id ${JSON.stringify(id)}: type must be sidecar or router, got ${type}`,
    );
  }
  const dot = podId.indexOf('.');
  const podName = dot < 0 ? podId : podId.slice(0, dot);
  const namespace = dot < 0 ? (domain.split('.')[0] ?? 'default') : podId.slice(dot + 1);
  return { type, ip, podId, domain, podName, namespace };
}

type StructValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { structValue: { fields: Record<string, StructValue> } }
  | { listValue: { values: StructValue[] } };

function str(value: string): StructValue {
  return { stringValue: value };
}

/** Extra metadata fields as strings or string maps (labels); keys sorted for stable bytes. */
export type NodeMetadata = Readonly<Record<string, string | Readonly<Record<string, string>>>>;

function toValue(v: string | Readonly<Record<string, string>>): StructValue {
  if (typeof v === 'string') return str(v);
  const fields: Record<string, StructValue> = {};
  for (const k of Object.keys(v).sort()) fields[k] = str(v[k] ?? '');
  return { structValue: { fields } };
}

export interface NodeOptions {
  readonly nodeId: string;
  readonly istioVersion?: string;
  readonly clusterId?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly metadata?: NodeMetadata;
  readonly userAgentVersion?: string;
  /** The workload (Deployment) name; default: the pod name without its last "-" segment. */
  readonly workloadName?: string;
}

/** Workload, namespace, app, version and cluster of this proxy, as its metrics and metadata name them. */
export function workloadOf(options: NodeOptions): {
  workload: string;
  namespace: string;
  app: string;
  version: string;
  cluster: string;
} {
  const id = parseNodeId(options.nodeId);
  const dash = id.podName.lastIndexOf('-');
  const workload = options.workloadName ?? (dash > 0 ? id.podName.slice(0, dash) : id.podName);
  const labels = options.labels ?? {};
  return {
    workload,
    namespace: id.namespace,
    app: labels.app ?? workload,
    version: labels.version ?? 'unknown',
    cluster: options.clusterId ?? 'Kubernetes',
  };
}

/** The Node sent in the first request of every ADS stream. */
export function buildNode(options: NodeOptions): Node {
  const id = parseNodeId(options.nodeId);
  const labels = options.labels ?? {};
  const base: Record<string, string | Readonly<Record<string, string>>> = {
    CLUSTER_ID: options.clusterId ?? 'Kubernetes',
    INSTANCE_IPS: id.ip,
    ISTIO_VERSION: options.istioVersion ?? '1.30.0',
    LABELS: labels,
    NAME: id.podName,
    NAMESPACE: id.namespace,
    WORKLOAD_NAME: workloadOf(options).workload,
    ...options.metadata,
  };
  const fields: Record<string, StructValue> = {};
  for (const k of Object.keys(base).sort()) fields[k] = toValue(base[k] ?? '');
  return {
    id: options.nodeId,
    cluster: `${workloadOf(options).app}.${id.namespace}`,
    metadata: { fields },
    user_agent_name: 'minimesh-proxy',
    user_agent_version: options.userAgentVersion ?? '0.1.0',
  };
}
