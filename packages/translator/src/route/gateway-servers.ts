// The servers a gateway proxy serves, grouped by the port its listener binds: Istio maps a Server's port to the
// gateway Service's targetPort when the Service (same namespace, selecting the gateway pods) has that port, as
// the ingress gateway's Service does (80 -> 8080, 443 -> 8443); otherwise the server port is used as is.
import {
  type Gateway,
  type LoadedResource,
  labelsMatch,
  type MeshService,
  type Registry,
  type Server,
} from '@minimesh/model';
import type { MeshProxy } from '../proxy.js';

export interface GatewayServer {
  readonly gateway: LoadedResource<Gateway>;
  /** `ns/name` of the Gateway (what VirtualService `gateways` entries resolve to). */
  readonly gatewayName: string;
  readonly server: Server;
  /** Index of the server in spec.servers (for message paths). */
  readonly index: number;
  /** The port the listener binds (targetPort of the gateway Service's matching port, else the server port). */
  readonly listenPort: number;
}

/** Services of the gateway's namespace that select the gateway pod. */
export function gatewayServices(registry: Registry, proxy: MeshProxy): MeshService[] {
  return registry
    .servicesInNamespace(proxy.namespace)
    .filter((s) => s.selector !== undefined && labelsMatch(s.selector, proxy.labels));
}

/** The listen port of a server port: the Service targetPort when a gateway Service has that port (numeric only). */
export function listenPortOf(services: readonly MeshService[], serverPort: number): number {
  for (const s of services) {
    const p = s.ports.find((x) => x.port === serverPort);
    if (p !== undefined) return typeof p.targetPort === 'number' ? p.targetPort : p.port;
  }
  return serverPort;
}

/** Every server of every Gateway selecting this proxy, in gateway (namespace/name) then server order. */
export function gatewayServers(registry: Registry, proxy: MeshProxy): GatewayServer[] {
  const services = gatewayServices(registry, proxy);
  const out: GatewayServer[] = [];
  for (const gw of registry.gatewaysFor(proxy.labels)) {
    gw.object.spec.servers.forEach((server, index) => {
      out.push({
        gateway: gw,
        gatewayName: `${gw.namespace ?? 'default'}/${gw.name}`,
        server,
        index,
        listenPort: listenPortOf(services, server.port.number),
      });
    });
  }
  return out;
}

/** Istio's server protocol classes. */
export function serverProtocol(server: Server): 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' {
  const p = server.port.protocol.toUpperCase();
  if (p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'GRPC-WEB') return 'HTTP';
  if (p === 'HTTPS') return 'HTTPS';
  if (p === 'TLS') return 'TLS';
  return 'TCP';
}

/** True for a server whose TLS the gateway terminates (HTTPS with SIMPLE / MUTUAL / ISTIO_MUTUAL / OPTIONAL). */
export function terminatesTls(server: Server): boolean {
  const mode = server.tls?.mode ?? 'SIMPLE';
  return serverProtocol(server) === 'HTTPS' && mode !== 'PASSTHROUGH' && mode !== 'AUTO_PASSTHROUGH';
}
