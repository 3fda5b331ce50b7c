// IST0101 on a host of a sidecar VirtualService (no gateways, or `mesh`) that no service in the mesh has. A
// sidecar builds virtual hosts only for services it knows, so such a host is never routed. (Istio has no
// analyzer for this; the code and text are those of its ReferencedResourceNotFound.)
import { hostsIntersect, type LoadedResource, MeshKind, type VirtualService } from '@minimesh/model';
import { type AnalysisContext, type Analyzer, quote } from '../analyzer.js';
import { boundToMesh } from '../destinations.js';

export const vsHost: Analyzer = {
  code: 'IST0101',
  name: 'virtualservice.MeshHost',
  description: 'Checks that every host of a sidecar VirtualService is a service of the mesh',
  run(ctx: AnalysisContext): void {
    const hostnames = ctx.registry.services().map((s) => s.hostname);
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) check(ctx, vs, hostnames);
  },
};

function check(ctx: AnalysisContext, vs: LoadedResource<VirtualService>, hostnames: readonly string[]): void {
  if (!boundToMesh(vs)) return;
  (vs.object.spec.hosts ?? []).forEach((host, i) => {
    const name = ctx.fqdn(host, vs.namespace);
    if (hostnames.some((h) => hostsIntersect(h, name))) return;
    ctx.report(vs, 'IST0101', 'Error', `Referenced host not found: ${quote(host)}`, ['spec', 'hosts', i]);
  });
}
