// Istio's Sidecar egress hosts (pilot/pkg/model/sidecar.go selectServices): `namespace/dnsName`, where namespace
// is a name, `*` (any) or `.` (the Sidecar's own), and dnsName is a host, a `*.suffix` wildcard or `*`. A service
// is reachable when any egress listener lists a host that covers it. A listener with a port (other than an
// HTTP_PROXY one, which is a generic proxy port) imports only services that have that port (istiod's matchPort).
import {
  hostMatches,
  type IstioEgressListener,
  type LoadedResource,
  type MeshService,
  parseProtocol,
  type Sidecar,
} from '@minimesh/model';

/** Whether one `namespace/dnsName` egress host covers `service`. */
export function egressHostCovers(entry: string, proxyNamespace: string, service: MeshService): boolean {
  const slash = entry.indexOf('/');
  const ns = slash < 0 ? '*' : entry.slice(0, slash);
  const host = slash < 0 ? entry : entry.slice(slash + 1);
  const nsOk = ns === '*' || (ns === '.' ? service.namespace === proxyNamespace : service.namespace === ns);
  return nsOk && (host === '*' || hostMatches(service.hostname, host));
}

/** istiod needsPortMatch: a listener with a port number imports only services with that port (not HTTP_PROXY). */
export function egressNeedsPortMatch(listener: IstioEgressListener): boolean {
  const n = listener.port?.number ?? 0;
  return n !== 0 && parseProtocol(listener.port?.protocol) !== 'HTTP_PROXY';
}

/** Whether one egress listener imports `service`: a host covers it and, when the port must match, it has the port. */
export function egressListenerAllows(
  listener: IstioEgressListener,
  proxyNamespace: string,
  service: MeshService,
): boolean {
  if (!listener.hosts.some((h) => egressHostCovers(h, proxyNamespace, service))) return false;
  if (!egressNeedsPortMatch(listener)) return true;
  return service.ports.some((p) => p.port === listener.port?.number);
}

/** Whether any egress listener of the Sidecar imports `service` (no egress listeners: everything is visible). */
export function sidecarEgressAllows(
  sidecar: LoadedResource<Sidecar>,
  proxyNamespace: string,
  service: MeshService,
): boolean {
  const egress = sidecar.object.spec.egress;
  if (egress === undefined || egress.length === 0) return true;
  return egress.some((l) => egressListenerAllows(l, proxyNamespace, service));
}

/**
 * Whether the route config of `port` (RDS `9080`) holds `service`, as istiod picks the egress listener for it
 * (SidecarScope.GetEgressListenerForRDS): the first egress listener declaring that port, else the first without a
 * port (the catch-all); only the services that listener imports get virtual hosts. A Sidecar that declares 9080
 * for ratings alone thus gives route config `9080` ratings' virtual host only, even when ratings' declared port is
 * TCP on its VIP and the catch-all listener builds the HTTP `0.0.0.0_9080` for reviews (which then goes by the
 * catch-all virtual host). No Sidecar, or one without egress listeners: every visible service.
 */
export function routeConfigAllows(
  sidecar: LoadedResource<Sidecar> | undefined,
  proxyNamespace: string,
  port: number,
  service: MeshService,
): boolean {
  const egress = sidecar?.object.spec.egress;
  if (egress === undefined || egress.length === 0) return true;
  const listener = egress.find((l) => l.port === undefined || l.port.number === port);
  return listener !== undefined && egressListenerAllows(listener, proxyNamespace, service);
}
