// Service endpoints -> Envoy LocalityLbEndpoints, grouped by locality in sorted order (istiod's
// EndpointBuilder.generate and buildEnvoyLbEndpoint). Each endpoint carries the metadata Istio puts on it:
// `envoy.transport_socket_match.tlsMode` (which auto-mTLS transport socket applies) and `istio.workload`
// (telemetry: `workload;namespace;canonical-name;canonical-revision;cluster`).
import type { LbEndpoint, LocalityLbEndpoints, ServiceEndpoint, WorkloadInstance } from '@minimesh/model';
import { parseLocality } from '@minimesh/model';
import {
  ISTIO_METADATA_KEY,
  TLS_MODE_DISABLED,
  TLS_MODE_ISTIO,
  TLS_MODE_KEY,
  TLS_MODE_LABEL,
  TRANSPORT_SOCKET_MATCH_KEY,
} from '../cluster/cluster-names.js';
import { structOf } from '../cluster/xds-values.js';
import type { LocalityGroup } from './locality-lb.js';

/** Istio's default cluster ID, the last field of the workload metadata. */
export const DEFAULT_CLUSTER_ID = 'Kubernetes';

/**
 * The TLS mode of a workload: its `security.istio.io/tlsMode` label when set. Otherwise WorkloadEntries and
 * ServiceEntry endpoints with a service account are `istio` (istiod's getTLSModeFromWorkloadEntry), and (a
 * minimesh decision) so are pods and `mesh dev` workloads, since minimesh injects every workload it runs: for
 * pods Istio reads the label only, which its injector always sets. Bare Endpoints addresses and DNS names are
 * `disabled`.
 */
export function workloadTlsMode(instance: WorkloadInstance): string {
  const label = instance.labels[TLS_MODE_LABEL];
  if (label !== undefined && label !== '') return label;
  switch (instance.source) {
    case 'pod':
    case 'caller':
      return TLS_MODE_ISTIO;
    case 'workloadentry':
    case 'serviceentry':
      return instance.serviceAccount === '' ? TLS_MODE_DISABLED : TLS_MODE_ISTIO;
    default:
      return TLS_MODE_DISABLED;
  }
}

/**
 * The workload name Istio reports for an instance (IstioEndpoint.WorkloadName): the model's workloadName, the owning
 * Deployment of a pod as istiod derives it from its ownerReferences (GetWorkloadMetaFromPod), else its own name.
 */
function workloadName(instance: WorkloadInstance): string {
  return instance.workloadName ?? instance.name;
}

function firstLabel(labels: Readonly<Record<string, string>>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = labels[k];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `workload;namespace;canonical-name;canonical-revision;cluster` (revision `latest` is written as ''). */
function workloadMetadata(instance: WorkloadInstance): string {
  const name = workloadName(instance);
  const canonical =
    firstLabel(instance.labels, ['service.istio.io/canonical-name', 'app.kubernetes.io/name', 'app']) ?? name;
  const revision =
    firstLabel(instance.labels, [
      'service.istio.io/canonical-revision',
      'app.kubernetes.io/version',
      'version',
    ]) ?? 'latest';
  return [
    name,
    instance.namespace,
    canonical,
    revision === 'latest' ? '' : revision,
    DEFAULT_CLUSTER_ID,
  ].join(';');
}

/** The LbEndpoint of a service endpoint. Unix domain socket addresses become Envoy pipes. */
export function lbEndpointOf(ep: ServiceEndpoint): LbEndpoint {
  const address = ep.address.startsWith('unix://')
    ? { pipe: { path: ep.address.slice('unix://'.length) } }
    : { socket_address: { address: ep.address, port_value: ep.port } };
  const tlsMode = workloadTlsMode(ep.instance);
  const filterMetadata: Record<string, ReturnType<typeof structOf>> = {};
  if (tlsMode !== TLS_MODE_DISABLED)
    filterMetadata[TRANSPORT_SOCKET_MATCH_KEY] = structOf({ [TLS_MODE_KEY]: tlsMode });
  // Addresses of Endpoints objects that name no pod have no workload to report.
  if (ep.instance.source !== 'endpoints')
    filterMetadata[ISTIO_METADATA_KEY] = structOf({ workload: workloadMetadata(ep.instance) });
  return {
    endpoint: { address },
    health_status: ep.instance.healthy ? 'HEALTHY' : 'UNHEALTHY',
    metadata: { filter_metadata: filterMetadata },
    load_balancing_weight: { value: ep.instance.weight },
  };
}

/**
 * Groups endpoints by locality (`region/zone/subzone`, sorted; '' first), each group weighted by the sum of its
 * endpoints' weights (capped at 2^32-1 as istiod's addUint32), endpoints in input order.
 */
export function groupByLocality(endpoints: readonly ServiceEndpoint[]): LocalityGroup[] {
  const byLocality = new Map<string, ServiceEndpoint[]>();
  for (const ep of endpoints) {
    const list = byLocality.get(ep.instance.locality);
    if (list === undefined) byLocality.set(ep.instance.locality, [ep]);
    else list.push(ep);
  }
  return [...byLocality.keys()].sort().map((key) => {
    const eps = byLocality.get(key) ?? [];
    const { region, zone, subzone } = parseLocality(key);
    const weight = Math.min(
      eps.reduce((sum, ep) => sum + ep.instance.weight, 0),
      4_294_967_295,
    );
    const group: LocalityLbEndpoints = {
      locality: {
        ...(region === '' ? {} : { region }),
        ...(zone === '' ? {} : { zone }),
        ...(subzone === '' ? {} : { sub_zone: subzone }),
      },
      lb_endpoints: eps.map(lbEndpointOf),
      load_balancing_weight: { value: weight },
    };
    return { endpoints: group, instances: eps.map((ep) => ep.instance) };
  });
}
