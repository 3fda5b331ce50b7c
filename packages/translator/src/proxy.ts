// The proxy a translation is for, as istiod sees it: its type, identity and labels, parsed from the Envoy node
// id (`sidecar~10.0.0.1~reviews-v1-abc.default~default.svc.cluster.local`) and node metadata.

/** `sidecar` for a workload's proxy, `router` for a gateway. */
export type ProxyType = 'sidecar' | 'router';

export interface MeshProxy {
  readonly type: ProxyType;
  /** The Envoy node id. */
  readonly id: string;
  /** Addresses of the workload, first is primary. */
  readonly ipAddresses: readonly string[];
  /** The pod name (`reviews-v1-abc`), from the id's third field. */
  readonly workloadName: string;
  readonly namespace: string;
  /** The workload's labels (node metadata LABELS); they select Sidecars, Gateways, DestinationRule subsets. */
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount?: string;
  /** DNS domain (`default.svc.cluster.local`), from the id's fourth field. */
  readonly dnsDomain: string;
  /** Istio version the proxy reports (ISTIO_VERSION metadata), if any. */
  readonly istioVersion?: string;
  /**
   * True for proxyless gRPC nodes: node metadata GENERATOR=grpc, which istio-agent writes into the gRPC bootstrap's
   * node (istiod IsProxylessGrpc); their id has the usual sidecar form. translate() gives them grpcgen output.
   */
  readonly proxyless: boolean;
}

export class ProxyIdError extends Error {
  readonly code = 'TR_PROXY_ID';
  constructor(id: string, reason: string) {
    super(
      `invalid proxy node id ${JSON.stringify(id)}: ${reason}; expected TYPE~IP~POD.NAMESPACE~NAMESPACE.svc.cluster.local`,
    );
    this.name = 'ProxyIdError';
  }
}

export interface ProxyInput {
  id: string;
  labels?: Record<string, string>;
  serviceAccount?: string;
  istioVersion?: string;
  /** Node metadata GENERATOR; `grpc` marks a proxyless gRPC client, as Istio's grpcgen does. */
  generator?: string;
}

/** Parses an Istio node id and metadata into a MeshProxy; throws ProxyIdError with the reason when malformed. */
export function parseProxy(input: ProxyInput): MeshProxy {
  const parts = input.id.split('~');
  if (parts.length !== 4)
    throw new ProxyIdError(input.id, `it has ${parts.length} fields separated by ~, not 4`);
  const [type, ip, podDotNs, dnsDomain] = parts as [string, string, string, string];
  if (type !== 'sidecar' && type !== 'router')
    throw new ProxyIdError(input.id, `type ${JSON.stringify(type)} is neither sidecar nor router`);
  const dot = podDotNs.lastIndexOf('.');
  const workloadName = dot < 0 ? podDotNs : podDotNs.slice(0, dot);
  const namespace = dot < 0 ? (dnsDomain.split('.')[0] ?? 'default') : podDotNs.slice(dot + 1);
  if (namespace === '') throw new ProxyIdError(input.id, 'the namespace is empty');
  return {
    type,
    id: input.id,
    ipAddresses: ip.split(',').filter((a) => a !== ''),
    workloadName,
    namespace,
    labels: { ...(input.labels ?? {}) },
    ...(input.serviceAccount === undefined ? {} : { serviceAccount: input.serviceAccount }),
    dnsDomain,
    ...(input.istioVersion === undefined ? {} : { istioVersion: input.istioVersion }),
    proxyless: input.generator === 'grpc',
  };
}

/** Builds the node id Istio's agent would send for a workload. */
export function formatProxyId(
  type: ProxyType,
  ip: string,
  workloadName: string,
  namespace: string,
  domainSuffix = 'cluster.local',
): string {
  return `${type}~${ip}~${workloadName}.${namespace}~${namespace}.svc.${domainSuffix}`;
}
