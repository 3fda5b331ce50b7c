// Mesh-wide settings istiod reads from its MeshConfig, with Istio 1.30's defaults.

export type OutboundTrafficPolicyMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

export interface MeshConfig {
  /** Namespace whose configs apply mesh-wide (Sidecar, DestinationRule, EnvoyFilter defaults). */
  readonly rootNamespace: string;
  /** Kubernetes DNS suffix. */
  readonly domainSuffix: string;
  /** What outbound traffic to unknown hosts gets: passed through, or a 502 from `block_all`. */
  readonly outboundTrafficPolicy: OutboundTrafficPolicyMode;
  /** Cluster connect timeout, in milliseconds (MeshConfig.connectTimeout, default 10s). */
  readonly connectTimeoutMs: number;
  /** TLS between sidecars when both have one and no DestinationRule says otherwise (default true). */
  readonly enableAutoMtls: boolean;
  /** Istio's trust domain, for SPIFFE identities (`spiffe://cluster.local/ns/NS/sa/SA`). */
  readonly trustDomain: string;
  /**
   * MeshConfig.enableEnvoyAccessLogService (default false): every HTTP connection manager streams its access logs
   * over gRPC (envoy.service.accesslog.v3) to `envoyAccessLogService`. Off without an address.
   */
  readonly enableEnvoyAccessLogService: boolean;
  /** MeshConfig.defaultConfig.envoyAccessLogService: the ALS server, `HOST:PORT` (`[IPV6]:PORT`). */
  readonly envoyAccessLogService?: { readonly address: string };
}

export const DEFAULT_MESH_CONFIG: MeshConfig = Object.freeze({
  rootNamespace: 'istio-system',
  domainSuffix: 'cluster.local',
  outboundTrafficPolicy: 'ALLOW_ANY',
  connectTimeoutMs: 10_000,
  enableAutoMtls: true,
  trustDomain: 'cluster.local',
  enableEnvoyAccessLogService: false,
});
