// IST0109 ConflictingMeshGatewayVirtualServiceHosts: two sidecar VirtualServices with the same host visible in
// one namespace. A sidecar uses one VirtualService per host (the first by namespace/name); the others are
// ignored there. Hosts are compared per export scope as Istio does: the same FQDN in the same scope, or a host
// of a narrower scope that intersects a host exported to every namespace.
import { hostsIntersect, type LoadedResource, MeshKind, type VirtualService } from '@minimesh/model';
import type { AnalysisContext, Analyzer } from '../analyzer.js';
import { boundToMesh } from '../destinations.js';

export const vsConflictingHosts: Analyzer = {
  code: 'IST0109',
  name: 'virtualservice.ConflictingMeshGatewayHosts',
  description: 'Checks that sidecar VirtualServices do not define the same host',
  run(ctx: AnalysisContext): void {
    // `scope/fqdn` -> VirtualServices; scope is `*` or a namespace the VirtualService is exported to
    const byHost = new Map<string, LoadedResource<VirtualService>[]>();
    for (const vs of ctx.registry.configs(MeshKind.VirtualService)) {
      if (!boundToMesh(vs)) continue;
      for (const scope of scopesOf(vs))
        for (const host of vs.object.spec.hosts ?? []) {
          const key = `${scope}/${ctx.fqdn(host, vs.namespace)}`;
          const list = byHost.get(key) ?? [];
          if (!list.includes(vs)) list.push(vs);
          byHost.set(key, list);
        }
    }
    const reported = new Set<LoadedResource<VirtualService>>();
    for (const key of [...byHost.keys()].sort()) {
      const [scope, fqdn] = split(key);
      const list = [...(byHost.get(key) ?? [])];
      if (scope !== '*')
        for (const [other, vss] of byHost) {
          const [otherScope, otherHost] = split(other);
          if (otherScope === '*' && hostsIntersect(fqdn, otherHost))
            for (const vs of vss) if (!list.includes(vs)) list.push(vs);
        }
      if (list.length < 2) continue;
      const names = list.map((vs) => `${vs.namespace}/${vs.name}`).sort();
      for (const vs of list) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        ctx.report(
          vs,
          'IST0109',
          'Error',
          `The VirtualServices ${names.join(',')} associated with mesh gateway define the same host ${fqdn} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`,
          ['metadata', 'name'],
        );
      }
    }
  },
};

/** `*` when exported everywhere (the default), else the namespaces it is exported to (`.` is its own). */
function scopesOf(vs: LoadedResource<VirtualService>): string[] {
  const exportTo = vs.object.spec.exportTo ?? [];
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((e) => (e === '.' ? (vs.namespace ?? 'default') : e)))];
}

function split(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
