// The one owner of every name the translator writes into Envoy resources. Istio users read these names in
// /config_dump and istioctl output, so they follow istiod (1.30) exactly; nothing else assembles them inline.

/** Traffic direction of a cluster, as the first field of Istio's subset key. */
export type TrafficDirection = 'outbound' | 'inbound';

/** Istio's well-known cluster names. */
export const PASSTHROUGH_CLUSTER = 'PassthroughCluster';
export const BLACKHOLE_CLUSTER = 'BlackHoleCluster';
export const INBOUND_PASSTHROUGH_CLUSTER = 'InboundPassthroughCluster';
/** Istio's well-known listener names. */
export const VIRTUAL_OUTBOUND_LISTENER = 'virtualOutbound';
export const VIRTUAL_INBOUND_LISTENER = 'virtualInbound';
/** Ports of the capture listeners (iptables redirects outbound to 15001 and inbound to 15006). */
export const VIRTUAL_OUTBOUND_PORT = 15001;
export const VIRTUAL_INBOUND_PORT = 15006;
/** Virtual hosts that catch what no service matches, per outbound traffic policy. */
export const ALLOW_ANY_VHOST = 'allow_any';
export const BLOCK_ALL_VHOST = 'block_all';
/** The wildcard address outbound HTTP listeners bind. */
export const WILDCARD_ADDRESS = '0.0.0.0';

/**
 * Istio's BuildSubsetKey: `outbound|9080|v1|reviews.default.svc.cluster.local`; the subset is empty for the
 * default cluster (`outbound|9080||reviews...`).
 */
export function subsetKey(
  direction: TrafficDirection,
  subset: string,
  hostname: string,
  port: number,
): string {
  return `${direction}|${port}|${subset}|${hostname}`;
}

/** The parts of a subset key, or undefined when `name` is not one (e.g. `PassthroughCluster`). */
export function parseSubsetKey(
  name: string,
): { direction: TrafficDirection; port: number; subset: string; hostname: string } | undefined {
  const parts = name.split('|');
  if (parts.length !== 4) return undefined;
  const [direction, port, subset, hostname] = parts as [string, string, string, string];
  if ((direction !== 'outbound' && direction !== 'inbound') || !/^\d+$/.test(port)) return undefined;
  return { direction, port: Number(port), subset, hostname };
}

/** Inbound cluster for a workload port: `inbound|9080||` (Istio >= 1.10 leaves subset and host empty). */
export function inboundClusterName(port: number): string {
  return subsetKey('inbound', '', '', port);
}

/** Listener name for an address and port: `0.0.0.0_9080`, `10.96.0.12_3306`. */
export function listenerName(address: string, port: number): string {
  return `${address}_${port}`;
}

/** Sidecar outbound HTTP route config: the port number alone (`9080`). */
export function sidecarRouteName(port: number): string {
  return String(port);
}

/**
 * Route config of a sniffed service port on its own address (istiod buildSidecarOutboundHTTPListenerOpts, protocol
 * Auto off the wildcard): `<hostname>:<port>`, holding that service's virtual host alone.
 */
export function sniffedRouteName(hostname: string, port: number): string {
  return `${hostname}:${port}`;
}

/** Gateway route config for a plain HTTP server: `http.8080`. */
export function gatewayHttpRouteName(port: number): string {
  return `http.${port}`;
}

/** Gateway route config for an HTTPS server: `https.443.<portName>.<gateway>.<namespace>`. */
export function gatewayHttpsRouteName(
  port: number,
  portName: string,
  gateway: string,
  namespace: string,
): string {
  return `https.${port}.${portName}.${gateway}.${namespace}`;
}

/** Virtual host for a service port: `reviews.default.svc.cluster.local:9080`. */
export function virtualHostName(hostname: string, port: number): string {
  return `${hostname}:${port}`;
}

/** istiod's SDS resource-name schemes (pilot/pkg/model/credentials). */
export const SDS_KUBERNETES_PREFIX = 'kubernetes://';
export const SDS_KUBERNETES_GATEWAY_PREFIX = 'kubernetes-gateway://';
export const SDS_CONFIGMAP_PREFIX = 'configmap://';
export const SDS_BUILTIN_PREFIX = 'builtin://';
export const SDS_INVALID_PREFIX = 'invalid://';

/**
 * The SDS resource name of a `credentialName`, as istiod's ToResourceName writes it: `builtin://...` is the
 * workload's own certificate (`default`); `invalid://...` stays `invalid://`; a name that already says its scheme
 * (`kubernetes://`, `kubernetes-gateway://` as the Gateway API conversion writes, `configmap://`) is kept;
 * anything else is `kubernetes://<credentialName>`, looked up in the proxy's own namespace (a `namespace/name`
 * credential keeps its namespace in the name).
 */
export function sdsSecretName(credentialName: string): string {
  if (credentialName.startsWith(SDS_BUILTIN_PREFIX)) return SDS_DEFAULT;
  if (credentialName.startsWith(SDS_INVALID_PREFIX)) return SDS_INVALID_PREFIX;
  if (
    credentialName.startsWith(SDS_KUBERNETES_PREFIX) ||
    credentialName.startsWith(SDS_KUBERNETES_GATEWAY_PREFIX) ||
    credentialName.startsWith(SDS_CONFIGMAP_PREFIX)
  )
    return credentialName;
  return `${SDS_KUBERNETES_PREFIX}${credentialName}`;
}

/** Istio's workload certificate and root CA SDS names. */
export const SDS_DEFAULT = 'default';
export const SDS_ROOT_CA = 'ROOTCA';
