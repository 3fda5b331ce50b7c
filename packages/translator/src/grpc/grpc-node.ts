// The proxy input of an xDS node as a gRPC client sends it: istio-agent's gRPC bootstrap (grpcxds.GenerateBootstrap)
// writes the node with the usual sidecar id (`sidecar~10.0.0.1~pod.ns~ns.svc.cluster.local`) and Istio's node
// metadata, GENERATOR `grpc` among it (agent.go sets it for gRPC bootstraps); istiod's IsProxylessGrpc reads only
// that. Metadata may come as plain JSON (the bootstrap file, a proto3-JSON decoded Struct) or as a Struct's
// `fields` with typed values (a binary-decoded Node); both are read.
import type { ProxyInput } from '../proxy.js';
import type { GrpcOptions } from './grpc-translate.js';

/** An xDS node as decoded: the id, the metadata Struct in either form, the client's user agent. */
export interface XdsNodeLike {
  readonly id?: string;
  readonly metadata?: unknown;
  readonly user_agent_name?: string;
}

/** The user_agent_name @grpc/grpc-js-xds sends. */
export const GRPC_JS_USER_AGENT = 'gRPC Node Pure JS';

type StructValue = {
  stringValue?: string;
  boolValue?: boolean;
  numberValue?: number;
  structValue?: { fields?: Record<string, StructValue> };
  kind?: string;
};

/** A protobuf Struct in `fields` form as plain JSON; other values pass through. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const v = value as StructValue & { fields?: Record<string, StructValue> };
  if (v.fields !== undefined && typeof v.fields === 'object')
    return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, plain(x)]));
  if (v.structValue !== undefined) return plain(v.structValue);
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.numberValue !== undefined) return v.numberValue;
  return value;
}

/** Node metadata as plain JSON (the Struct's `fields` form unwrapped). */
export function nodeMetadata(node: XdsNodeLike): Record<string, unknown> {
  const m = plain(node.metadata);
  return m !== null && typeof m === 'object' ? (m as Record<string, unknown>) : {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * parseProxy's input from an xDS node: the id, LABELS, SERVICE_ACCOUNT, ISTIO_VERSION and GENERATOR of its
 * metadata. Non-string labels are left out.
 */
export function proxyInputFromNode(node: XdsNodeLike): ProxyInput {
  const meta = nodeMetadata(node);
  const labels: Record<string, string> = {};
  const raw = meta.LABELS;
  if (raw !== null && typeof raw === 'object')
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') labels[k] = v;
  const serviceAccount = str(meta.SERVICE_ACCOUNT);
  const istioVersion = str(meta.ISTIO_VERSION);
  const generator = str(meta.GENERATOR);
  return {
    id: node.id ?? '',
    labels,
    ...(serviceAccount === undefined ? {} : { serviceAccount }),
    ...(istioVersion === undefined ? {} : { istioVersion }),
    ...(generator === undefined ? {} : { generator }),
  };
}

/**
 * translateGrpc options for what the node's gRPC implementation supports, from its user agent: grpc-js has no
 * least_request (its clusters would be NACKed). istiod does not look; every other client gets istiod's output.
 */
export function grpcOptionsForNode(node: XdsNodeLike): GrpcOptions {
  return node.user_agent_name === GRPC_JS_USER_AGENT ? { leastRequest: false } : {};
}
