// Label selection as Istio does it (labels.Instance.SubsetOf), and the well-known labels and annotations the
// registry reads.

/** A label map; frozen wherever the registry hands one out. */
export type MeshLabels = Readonly<Record<string, string>>;

export const EMPTY_LABELS: MeshLabels = Object.freeze({});

/** Well-known label and annotation names read by the registry. */
export const MeshWellKnown = {
  /** Service annotation: comma-separated exportTo values (`.`, `*`, `~`, namespaces). */
  exportToAnnotation: 'networking.istio.io/exportTo',
  /** Workload label: `region.zone.subzone` (dots, as label values cannot hold '/'). */
  localityLabel: 'istio-locality',
  regionLabel: 'topology.kubernetes.io/region',
  zoneLabel: 'topology.kubernetes.io/zone',
  subzoneLabel: 'topology.istio.io/subzone',
  /** Workload label: the network the workload's address is reachable on. */
  networkLabel: 'topology.istio.io/network',
  /** EndpointSlice label: the Service the slice belongs to. */
  serviceNameLabel: 'kubernetes.io/service-name',
  /** Label Kubernetes puts on pods of a Gateway API Gateway. */
  gatewayNameLabel: 'gateway.networking.k8s.io/gateway-name',
} as const;

/**
 * True when every key of `selector` is in `labels` with the same value (Istio's SubsetOf). An empty or absent
 * selector selects everything; callers that give an empty selector another meaning check for it first.
 */
export function labelsMatch(selector: MeshLabels | undefined, labels: MeshLabels): boolean {
  if (selector === undefined) return true;
  for (const [k, v] of Object.entries(selector)) {
    if (labels[k] !== v) return false;
  }
  return true;
}

/** True when the map has no key. */
export function isEmptyLabels(labels: MeshLabels | undefined): boolean {
  if (labels === undefined) return true;
  for (const _ in labels) return false;
  return true;
}

/** A frozen copy, or the shared empty map. */
export function freezeLabels(labels: MeshLabels | undefined): MeshLabels {
  if (labels === undefined || isEmptyLabels(labels)) return EMPTY_LABELS;
  return Object.freeze({ ...labels });
}

/** Two label maps with the same keys and values. */
export function labelsEqual(a: MeshLabels | undefined, b: MeshLabels | undefined): boolean {
  const ak = Object.keys(a ?? {});
  if (ak.length !== Object.keys(b ?? {}).length) return false;
  return ak.every((k) => a?.[k] === b?.[k]);
}
