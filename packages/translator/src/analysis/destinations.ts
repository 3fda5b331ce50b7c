// The destinations a VirtualService names, each with the path of its field, in Istio's order (tcp, tls, http
// routes, then http mirrors). Analyzers of hosts, ports and subsets walk this one list.
import type { Destination, LoadedResource, VirtualService } from '@minimesh/model';
import type { FieldPath } from './analyzer.js';

export interface NamedDestination {
  readonly destination: Destination;
  /** Path of the `destination` object (its `host`, `port`, `subset` are below it). */
  readonly path: FieldPath;
  /** True for `mirror` / `mirrors[]` destinations (Istio names them "mirror host"). */
  readonly mirror: boolean;
}

/** Route destinations (tcp, tls, http) then http mirrors. */
export function destinationsOf(vs: LoadedResource<VirtualService>): NamedDestination[] {
  const spec = vs.object.spec;
  const out: NamedDestination[] = [];
  for (const kind of ['tcp', 'tls', 'http'] as const) {
    (spec[kind] ?? []).forEach((rule, i) => {
      (rule.route ?? []).forEach((rd, j) => {
        out.push({
          destination: rd.destination,
          path: ['spec', kind, i, 'route', j, 'destination'],
          mirror: false,
        });
      });
    });
  }
  (spec.http ?? []).forEach((rule, i) => {
    if (rule.mirror !== undefined)
      out.push({ destination: rule.mirror, path: ['spec', 'http', i, 'mirror'], mirror: true });
    (rule.mirrors ?? []).forEach((m, j) => {
      out.push({
        destination: m.destination,
        path: ['spec', 'http', i, 'mirrors', j, 'destination'],
        mirror: true,
      });
    });
  });
  return out;
}

/** True when the VirtualService applies to sidecars: no gateways, or `mesh` among them. */
export function boundToMesh(vs: LoadedResource<VirtualService>): boolean {
  const gateways = vs.object.spec.gateways ?? [];
  return gateways.length === 0 || gateways.includes('mesh');
}
