// Istio's Sidecar egress hosts: `namespace/dnsName`, where namespace is a name, `*` (any) or `.` (the Sidecar's
// own), and dnsName is a host, a `*.suffix` wildcard or `*`. A service is reachable when any egress listener
// lists a host that covers it.
import { hostMatches, type LoadedResource, type MeshService, type Sidecar } from '@minimesh/model';

export function sidecarEgressAllows(
  sidecar: LoadedResource<Sidecar>,
  proxyNamespace: string,
  service: MeshService,
): boolean {
  const egress = sidecar.object.spec.egress;
  if (egress === undefined || egress.length === 0) return true;
  for (const listener of egress) {
    for (const entry of listener.hosts ?? []) {
      const slash = entry.indexOf('/');
      const ns = slash < 0 ? '*' : entry.slice(0, slash);
      const host = slash < 0 ? entry : entry.slice(slash + 1);
      const nsOk =
        ns === '*' || (ns === '.' ? service.namespace === proxyNamespace : service.namespace === ns);
      if (nsOk && (host === '*' || hostMatches(service.hostname, host))) return true;
    }
  }
  return false;
}
