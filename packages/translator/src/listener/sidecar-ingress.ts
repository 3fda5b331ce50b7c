// Sidecar `ingress` listeners as istiod 1.30 reads them (listener_inbound.go buildInboundChainConfigs, cluster.go
// buildInboundClustersFromSidecar): when the proxy's Sidecar declares any, they replace the ports derived from the
// Services selecting the workload (PILOT_ENABLE_SIDECAR_SERVICE_INBOUND_LISTENER_MERGE is off by default). Each
// gives a chain on virtualInbound (or, with captureMode NONE, a listener of its own bound to `bind`) sending to
// `inbound|<port>||`, whose endpoint is the defaultEndpoint: `127.0.0.1:P` / `[::1]:P` (loopback),
// `0.0.0.0:P` / `[::]:P` (the pod IP), `unix://path`, or none (ORIGINAL_DST: the address the client dialled).
import {
  type IstioIngressListener,
  type LoadedResource,
  labelsMatch,
  type MeshProtocol,
  parseProtocol,
  type Sidecar,
  UNIX_PREFIX,
} from '@minimesh/model';
import { WILDCARD_ADDRESS } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';

/** Where `inbound|<port>||` sends traffic. */
export type IngressEndpoint =
  | { readonly kind: 'original_dst' }
  | { readonly kind: 'socket'; readonly address: string; readonly port: number }
  | { readonly kind: 'pipe'; readonly path: string };

/** One ingress port of the proxy, from its Sidecar. */
export interface IngressPort {
  readonly port: number;
  readonly protocol: MeshProtocol;
  readonly name: string;
  /** The chain's address (`bind`, else 0.0.0.0): names the chain `<bind>_<port>`. */
  readonly bind: string;
  /** captureMode NONE: a listener of its own that binds the socket, instead of a chain on virtualInbound. */
  readonly bindToPort: boolean;
  readonly endpoint: IngressEndpoint;
  /** The service of the workload with this target port, else istiod's synthetic `<sidecar>.<namespace>`. */
  readonly hostname: string;
  readonly listener: IstioIngressListener;
  readonly index: number;
}

/** The API path istiod writes in a chain's `filter_metadata.istio.config` for a Sidecar. */
export function sidecarConfigPath(namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/sidecar/${name}`;
}

/** Go's SplitHostPort for `127.0.0.1:8080` / `[::1]:8080` (validation guarantees one of these forms). */
function splitHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^\[([^\]]*)\]:(\d+)$/.exec(text) ?? /^([^:]*):(\d+)$/.exec(text);
  if (m === null) return undefined;
  return { host: m[1] ?? '', port: Number(m[2]) };
}

/** istiod's defaultEndpoint resolution; undefined when it cannot be read (istiod then skips the cluster). */
export function ingressEndpoint(
  proxy: MeshProxy,
  defaultEndpoint: string | undefined,
): IngressEndpoint | undefined {
  if (defaultEndpoint === undefined || defaultEndpoint === '') return { kind: 'original_dst' };
  if (defaultEndpoint.startsWith(UNIX_PREFIX))
    return { kind: 'pipe', path: defaultEndpoint.slice(UNIX_PREFIX.length) };
  const hp = splitHostPort(defaultEndpoint);
  if (hp === undefined || !(hp.port >= 1 && hp.port <= 65535)) return undefined;
  const v4 = proxy.ipAddresses.find((a) => !a.includes(':'));
  const v6 = proxy.ipAddresses.find((a) => a.includes(':'));
  switch (hp.host) {
    case '0.0.0.0':
      return { kind: 'socket', address: v4 ?? '127.0.0.1', port: hp.port };
    case '::':
      return { kind: 'socket', address: v6 ?? '::1', port: hp.port };
    case '127.0.0.1':
      return { kind: 'socket', address: '127.0.0.1', port: hp.port };
    case '::1':
      return { kind: 'socket', address: '::1', port: hp.port };
    default:
      return undefined;
  }
}

/** The proxy's Sidecar when it declares ingress listeners (sidecars only). */
export function ingressSidecar(proxy: MeshProxy, push: PushContext): LoadedResource<Sidecar> | undefined {
  if (proxy.type !== 'sidecar') return undefined;
  const sidecar = push.sidecarScope(proxy).sidecar;
  return (sidecar?.object.spec.ingress ?? []).length > 0 ? sidecar : undefined;
}

/** The service of the proxy's namespace selecting it that has a port targeting `port` (istiod findOrCreateService). */
function hostnameFor(
  proxy: MeshProxy,
  push: PushContext,
  port: number,
  sidecar: LoadedResource<Sidecar>,
): string {
  for (const svc of push.registry.servicesInNamespace(proxy.namespace)) {
    if (svc.selector === undefined || !labelsMatch(svc.selector, proxy.labels)) continue;
    if (svc.ports.some((p) => (typeof p.targetPort === 'number' ? p.targetPort : p.port) === port))
      return svc.hostname;
  }
  return `${sidecar.name}.${sidecar.namespace ?? proxy.namespace}`;
}

/**
 * The ingress ports of the proxy's Sidecar, by port; a repeated port keeps its first listener (validation rejects
 * repeats). Undefined when the proxy has no Sidecar with ingress listeners (then Services decide).
 */
export function ingressPorts(proxy: MeshProxy, push: PushContext): IngressPort[] | undefined {
  const sidecar = ingressSidecar(proxy, push);
  if (sidecar === undefined) return undefined;
  const out = new Map<number, IngressPort>();
  (sidecar.object.spec.ingress ?? []).forEach((listener, index) => {
    const port = listener.port.number ?? 0;
    if (port === 0 || out.has(port)) return;
    const endpoint = ingressEndpoint(proxy, listener.defaultEndpoint) ?? { kind: 'original_dst' };
    out.set(port, {
      port,
      protocol: parseProtocol(listener.port.protocol),
      name: listener.port.name ?? '',
      bind: listener.bind !== undefined && listener.bind !== '' ? listener.bind : WILDCARD_ADDRESS,
      // DEFAULT follows the proxy's interception mode (iptables redirect here), so only NONE binds.
      bindToPort: listener.captureMode === 'NONE',
      endpoint,
      hostname: hostnameFor(proxy, push, port, sidecar),
      listener,
      index,
    });
  });
  return [...out.values()].sort((a, b) => a.port - b.port);
}
