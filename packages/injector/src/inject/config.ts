// What injection is configured by: the parts of MeshConfig and of the istiod chart values
// (`.Values.global.proxy.*`, `.Values.global.*`, `.Values.pilot.cni.*`) that the sidecar injection template
// reads. Defaults are those of istiod 1.30's chart (values.yaml), so the corpus under
// pkg/kube/inject/testdata compares directly (it differs only in image hub and tag, which are not compared).
import type { StringMap } from '../types.js';

export type InterceptionMode = 'REDIRECT' | 'TPROXY' | 'NONE';

/** The ProxyConfig fields the template reads (mesh `defaultConfig`, overridden by `proxy.istio.io/config`). */
export interface ProxyConfigLike {
  interceptionMode?: InterceptionMode;
  holdApplicationUntilProxyStarts?: boolean;
  proxyMetadata?: StringMap;
  /** The agent's status port; app probes are rewritten to it. Default 15020. */
  statusPort?: number;
  [key: string]: unknown;
}

export interface MeshConfigLike {
  trustDomain?: string;
  /** The outbound capture port (`-p`), default 15001. */
  proxyListenPort?: number;
  /** The inbound capture port (`-z`), default 15006. */
  proxyInboundListenPort?: number;
  enablePrometheusMerge?: boolean;
  inboundTrafficPolicy?: { mode?: 'PASSTHROUGH' | 'LOCALHOST' };
  /** Only OpenTelemetry providers' `serviceAttributeEnrichment` is read (OTEL_RESOURCE_ATTRIBUTES). */
  extensionProviders?: {
    name?: string;
    opentelemetry?: { serviceAttributeEnrichment?: string; [key: string]: unknown };
  }[];
  defaultConfig?: ProxyConfigLike;
  [key: string]: unknown;
}

/** Which proxy the sidecar runs: Istio's Envoy-based `proxyv2` or the minimesh Node.js proxy. */
export type ProxyFlavor = 'istio-proxy' | 'minimesh';

/** A Kubernetes resource list (cpu, memory, ephemeral-storage, ...); null entries are dropped (omitNil). */
export type ResourceList = Record<string, string | null>;

export interface SidecarValues {
  hub: string;
  tag: string;
  /** `.Values.global.proxy.image`: a name under `hub`, or a full reference when it contains "/". */
  proxyImage: string;
  /** `.Values.global.proxy_init.image`. */
  proxyInitImage: string;
  flavor: ProxyFlavor;
  /** The minimesh proxy image used when `flavor` is "minimesh". */
  minimeshImage: string;
  imagePullPolicy: '' | 'Always' | 'IfNotPresent' | 'Never';
  imagePullSecrets: readonly string[];
  resources: { requests?: ResourceList; limits?: ResourceList } | undefined;
  logLevel: string;
  componentLogLevel: string;
  /** `.Values.global.logging.level`, the agent's `--log_output_level`. */
  agentLogLevel: string;
  logAsJson: boolean;
  clusterDomain: string;
  pilotCertProvider: string;
  caAddress: string;
  istioNamespace: string;
  /** `.Values.revision`: names the istiod service (`istiod-<rev>`). */
  revision: string;
  /** `.Values.global.multiCluster.clusterName`; "" means the default cluster "Kubernetes". */
  clusterName: string;
  network: string;
  meshID: string;
  trustDomain: string;
  statusPort: number;
  readinessInitialDelaySeconds: number;
  readinessPeriodSeconds: number;
  readinessFailureThreshold: number;
  startupProbe: { enabled: boolean; failureThreshold: number };
  includeIPRanges: string;
  excludeIPRanges: string;
  includeInboundPorts: string;
  excludeInboundPorts: string;
  includeOutboundPorts: string;
  excludeOutboundPorts: string;
  privileged: boolean;
  capNetBindService: boolean;
  holdApplicationUntilProxyStarts: boolean;
  cni: { enabled: boolean; provider: 'default' | 'multus' };
  /** Put the proxy in initContainers with restartPolicy Always (Kubernetes >= 1.33 in Istio's auto mode). */
  nativeSidecars: boolean;
  /** `.Values.sidecarInjectorWebhook.rewriteAppHTTPProbe`. */
  rewriteAppHTTPProbe: boolean;
  mountMtlsCerts: boolean;
  tokenAudience: string;
  trustBundleName: string;
  crlConfigMapName: string;
  /** UID/GID the proxy runs as (OpenShift namespaces change it). */
  proxyUID: number;
  proxyGID: number;
  compliancePolicy: string;
  /** "openshift": a proxy runAsUser equal to the app's (assigned by OpenShift) is dropped before injection. */
  platform: '' | 'openshift';
}

export const DEFAULT_VALUES: SidecarValues = {
  hub: 'docker.io/istio',
  tag: '1.30.0',
  proxyImage: 'proxyv2',
  proxyInitImage: 'proxyv2',
  flavor: 'istio-proxy',
  minimeshImage: 'ghcr.io/minimesh/proxy:latest',
  imagePullPolicy: '',
  imagePullSecrets: [],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
  logLevel: 'warning',
  componentLogLevel: 'misc:error',
  agentLogLevel: 'default:info',
  logAsJson: false,
  clusterDomain: 'cluster.local',
  pilotCertProvider: 'istiod',
  caAddress: '',
  istioNamespace: 'istio-system',
  revision: '',
  clusterName: '',
  network: '',
  meshID: '',
  trustDomain: 'cluster.local',
  statusPort: 15020,
  readinessInitialDelaySeconds: 0,
  readinessPeriodSeconds: 15,
  readinessFailureThreshold: 4,
  startupProbe: { enabled: true, failureThreshold: 600 },
  includeIPRanges: '*',
  excludeIPRanges: '',
  includeInboundPorts: '*',
  excludeInboundPorts: '',
  includeOutboundPorts: '',
  excludeOutboundPorts: '',
  privileged: false,
  capNetBindService: false,
  holdApplicationUntilProxyStarts: false,
  cni: { enabled: false, provider: 'default' },
  nativeSidecars: true,
  rewriteAppHTTPProbe: true,
  mountMtlsCerts: false,
  tokenAudience: 'istio-ca',
  trustBundleName: 'istio-ca-root-cert',
  crlConfigMapName: 'istio-ca-crl',
  proxyUID: 1337,
  proxyGID: 1337,
  compliancePolicy: '',
  platform: '',
};

/** Namespaces Istio never injects into (`inject.IgnoredNamespaces`). */
export const IGNORED_NAMESPACES: readonly string[] = ['kube-node-lease', 'kube-public', 'kube-system'];

export const PROXY_CONTAINER = 'istio-proxy';
export const INIT_CONTAINER = 'istio-init';
export const VALIDATION_CONTAINER = 'istio-validation';
export const ENABLE_CORE_DUMP_CONTAINER = 'enable-core-dump';
/** The proxy's readiness/health port (Envoy's health listener). */
export const PROXY_HEALTH_PORT = 15021;
/** Envoy's Prometheus stats port. */
export const ENVOY_PROM_PORT = 15090;
export const DEFAULT_OUTBOUND_CAPTURE_PORT = 15001;
export const DEFAULT_INBOUND_CAPTURE_PORT = 15006;

/**
 * The proxy UID/GID in an OpenShift namespace: the last UID of its `openshift.io/sa.scc.uid-range` ("start/size"),
 * as Istio's GetProxyIDs. Undefined when the annotation is absent or malformed.
 */
export function openShiftProxyIds(
  namespaceAnnotations: Record<string, string>,
): { proxyUID: number; proxyGID: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(namespaceAnnotations['openshift.io/sa.scc.uid-range'] ?? '');
  if (m === null) return undefined;
  const id = Number(m[1]) + Number(m[2]) - 1;
  return { proxyUID: id, proxyGID: id };
}

/** Values with `overrides` applied (shallow for scalars, one level deep for the nested option objects). */
export function resolveValues(overrides: Partial<SidecarValues> = {}): SidecarValues {
  return {
    ...DEFAULT_VALUES,
    ...overrides,
    startupProbe: { ...DEFAULT_VALUES.startupProbe, ...overrides.startupProbe },
    cni: { ...DEFAULT_VALUES.cni, ...overrides.cni },
  };
}

/** The agent status port app probes are rewritten to: mesh `defaultConfig.statusPort`, default 15020. */
export function meshStatusPort(mesh: MeshConfigLike): number {
  return mesh.defaultConfig?.statusPort ?? 15020;
}
