// Workload instances (Istio's WorkloadInstance / IstioEndpoint without the service): one per Pod with an IP,
// WorkloadEntry, ServiceEntry inline endpoint, and workload supplied by the caller (`mesh dev` runs each
// Deployment replica as a local process with its own 127.0.0.x address). Every instance is deeply frozen.
import { type LoadedResource, resourceKey } from '../loader/loaded-resource.js';
import type { ServiceEntry } from '../schema/istio/service-entry.js';
import type { WorkloadEntry, WorkloadEntrySpec } from '../schema/istio/workload-entry.js';
import type { Pod } from '../schema/kube/pod.js';
import { RegistryError, RegistryErrorCode } from './errors.js';
import { freezeLabels, type MeshLabels, MeshWellKnown } from './labels.js';
import { namespaceOf } from './mesh-kinds.js';

export type WorkloadSource = 'pod' | 'workloadentry' | 'serviceentry' | 'caller' | 'endpoints' | 'dns';

export interface WorkloadInstance {
  /**
   * Where it comes from. `endpoints` (an address of an Endpoints/EndpointSlice that names no known Pod) and `dns`
   * (the DNS name of an ExternalName Service or of a DNS ServiceEntry without endpoints) exist only inside
   * ServiceEndpoints; `Registry.instances()` lists the others.
   */
  readonly source: WorkloadSource;
  /** Pod or WorkloadEntry name; `<serviceentry>-<index>` for inline endpoints (Istio's naming); caller's name. */
  readonly name: string;
  readonly namespace: string;
  /** IP address, DNS name, or `unix://` path; '' for a WorkloadEntry reached only through its network's gateway. */
  readonly address: string;
  readonly labels: MeshLabels;
  /** Kubernetes service account name (`default` for pods that name none); '' when there is none. */
  readonly serviceAccount: string;
  /** Istio's locality `region/zone/subzone`; '' when unknown. */
  readonly locality: string;
  /** Network ID (`topology.istio.io/network`); '' for the default network. */
  readonly network: string;
  /** Load-balancing weight, at least 1 (Istio's unset 0 means 1). */
  readonly weight: number;
  /** False for pods not Ready or terminating and for not-ready Endpoints addresses. */
  readonly healthy: boolean;
  /** Named ports of the workload: container ports by name (pods), `ports` (WorkloadEntries, caller workloads). */
  readonly ports: Readonly<Record<string, number>>;
  /** resourceKey of the resource it comes from; absent for caller workloads and synthetic instances. */
  readonly origin?: string;
  /**
   * The workload's name as istiod reports it (IstioEndpoint.WorkloadName, the first field of `istio.workload`
   * endpoint metadata): for pods the owning Deployment (see podWorkloadName), for caller workloads the given
   * `workloadName`; absent means `name`.
   */
  readonly workloadName?: string;
}

/** A workload the caller runs itself, e.g. one Deployment replica started by `mesh dev`. */
export interface WorkloadInput {
  readonly name: string;
  /** `default` when absent. */
  readonly namespace?: string;
  readonly address: string;
  readonly labels?: MeshLabels;
  readonly serviceAccount?: string;
  /** Named ports (container port name -> number), used to resolve Services' named targetPorts. */
  readonly ports?: Readonly<Record<string, number>>;
  readonly locality?: string;
  readonly network?: string;
  readonly weight?: number;
  /** True when absent. */
  readonly healthy?: boolean;
  /** The workload (e.g. Deployment) the instance belongs to, `details-v1` for pod `details-v1-7d4b9c-x2k`; `name` when absent. */
  readonly workloadName?: string;
}

const NO_PORTS: Readonly<Record<string, number>> = Object.freeze({});

/** `{region, zone, subzone}` of Istio's `region/zone/subzone` (missing parts are ''). */
export function parseLocality(locality: string): { region: string; zone: string; subzone: string } {
  const [region = '', zone = '', subzone = ''] = locality.split('/');
  return { region, zone, subzone };
}

/**
 * A workload's locality from its labels: `istio-locality` (`region.zone.subzone`, dots since label values cannot
 * hold '/'), else the topology labels `topology.kubernetes.io/region`, `.../zone` and `topology.istio.io/subzone`
 * as `region/zone/subzone` (Istio reads these from the pod's Node; without Nodes we read them from the pod). ''
 * when none is set.
 */
export function localityFromLabels(labels: MeshLabels): string {
  const explicit = labels[MeshWellKnown.localityLabel];
  if (explicit !== undefined && explicit !== '') return explicit.replaceAll('.', '/');
  const region = labels[MeshWellKnown.regionLabel] ?? '';
  const zone = labels[MeshWellKnown.zoneLabel] ?? '';
  const subzone = labels[MeshWellKnown.subzoneLabel] ?? '';
  if (region === '' && zone === '' && subzone === '') return '';
  return `${region}/${zone}/${subzone}`;
}

/** Pod label that overrides the derived workload name (Istio's `label.ServiceWorkloadName`). */
export const WORKLOAD_NAME_LABEL = 'service.istio.io/workload-name';

/** A CronJob's Job name: `<cronjob>-<8 to 10 digit schedule time>` (istiod's cronJobNameRegexp). */
const CRON_JOB_NAME = /^(.+)-\d{8,10}$/;

/**
 * The workload name istiod derives for a pod (pkg/kube/util.go GetWorkloadMetaFromPod, 1.30): the
 * `service.istio.io/workload-name` label when set; else, for a pod with a generateName, its controller owner's name,
 * with the ReplicaSet's `-<pod-template-hash>` (or Argo Rollout's `-<rollouts-pod-template-hash>`) suffix removed so
 * it names the Deployment, the `deploymentconfig` label for an OpenShift ReplicationController, the CronJob for a
 * Job named `<cronjob>-<digits>`; else the pod name.
 */
export function podWorkloadName(pod: Pod, podName: string): string {
  const labels = pod.metadata.labels ?? {};
  const override = labels[WORKLOAD_NAME_LABEL];
  if (override !== undefined) return override;
  if ((pod.metadata.generateName ?? '') === '') return podName;
  const owner = (pod.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (owner === undefined) return podName;
  const trimmed = (hashLabel: string): string | undefined => {
    const hash = labels[hashLabel] ?? '';
    if (hash === '' || !owner.name.endsWith(hash)) return undefined;
    return owner.name.endsWith(`-${hash}`) ? owner.name.slice(0, -(hash.length + 1)) : owner.name;
  };
  let name = owner.name;
  if (owner.kind === 'ReplicaSet')
    name = trimmed('pod-template-hash') ?? trimmed('rollouts-pod-template-hash') ?? owner.name;
  else if (owner.kind === 'ReplicationController' && (labels.deploymentconfig ?? '') !== '')
    name = labels.deploymentconfig ?? owner.name;
  else if (owner.kind === 'Job') name = CRON_JOB_NAME.exec(owner.name)?.[1] ?? owner.name;
  return name === '' ? podName : name;
}

function weightOf(w: number | undefined): number {
  return w === undefined || w < 1 ? 1 : w;
}

/**
 * The instance of a Pod, or undefined when it has no IP yet (`status.podIP`, else `status.podIPs[0]`) or has
 * finished (phase Succeeded or Failed). Healthy unless terminating or its Ready condition is not True.
 */
export function instanceFromPod(r: LoadedResource<Pod>): WorkloadInstance | undefined {
  const pod = r.object;
  const status = pod.status;
  const address = status?.podIP ?? status?.podIPs?.[0]?.ip ?? '';
  if (address === '' || status?.phase === 'Succeeded' || status?.phase === 'Failed') return undefined;
  const labels = freezeLabels(pod.metadata.labels);
  const ports: Record<string, number> = {};
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? [])
      if (p.name !== undefined && !(p.name in ports)) ports[p.name] = p.containerPort;
  }
  return Object.freeze({
    source: 'pod',
    name: r.name,
    namespace: namespaceOf(r),
    address,
    labels,
    serviceAccount: pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default',
    locality: localityFromLabels(labels),
    network: labels[MeshWellKnown.networkLabel] ?? '',
    weight: 1,
    healthy: pod.metadata.deletionTimestamp === undefined && podReady(status),
    ports: Object.freeze(ports),
    origin: resourceKey(r),
    workloadName: podWorkloadName(pod, r.name),
  });
}

/** The Ready condition, when the pod reports conditions; a pod that reports none is taken as ready. */
function podReady(status: Pod['status']): boolean {
  const conditions: unknown = status?.conditions;
  if (!Array.isArray(conditions)) return true;
  for (const c of conditions) {
    if (typeof c === 'object' && c !== null && 'type' in c && c.type === 'Ready') {
      return 'status' in c && c.status === 'True';
    }
  }
  return true;
}

/**
 * The instance of a WorkloadEntry (or of a ServiceEntry endpoint, which has the same fields): spec labels
 * merged under metadata labels (metadata wins, as Istio's ConvertWorkloadEntry), locality from `locality` or
 * the `istio-locality` label, network from `network` or the network label.
 */
function instanceFromEntry(
  spec: WorkloadEntrySpec,
  base: { source: WorkloadSource; name: string; namespace: string; origin: string },
  metaLabels: MeshLabels | undefined,
): WorkloadInstance {
  const labels = freezeLabels({ ...spec.labels, ...metaLabels });
  return Object.freeze({
    ...base,
    address: spec.address ?? '',
    labels,
    serviceAccount: spec.serviceAccount ?? '',
    locality: spec.locality ?? localityFromLabels(labels),
    network: spec.network ?? labels[MeshWellKnown.networkLabel] ?? '',
    weight: weightOf(spec.weight),
    healthy: true,
    ports: spec.ports === undefined ? NO_PORTS : Object.freeze({ ...spec.ports }),
  });
}

export function instanceFromWorkloadEntry(r: LoadedResource<WorkloadEntry>): WorkloadInstance {
  const base = {
    source: 'workloadentry' as const,
    name: r.name,
    namespace: namespaceOf(r),
    origin: resourceKey(r),
  };
  return instanceFromEntry(r.object.spec, base, r.object.metadata.labels);
}

/** The instances of a ServiceEntry's inline `endpoints`, named `<entry>-<index>`. */
export function instancesFromServiceEntry(r: LoadedResource<ServiceEntry>): WorkloadInstance[] {
  const namespace = namespaceOf(r);
  const origin = resourceKey(r);
  return (r.object.spec.endpoints ?? []).map((ep, i) =>
    instanceFromEntry(ep, { source: 'serviceentry', name: `${r.name}-${i}`, namespace, origin }, undefined),
  );
}

/** The instance of a caller-supplied workload. */
export function instanceFromInput(w: WorkloadInput): WorkloadInstance {
  const labels = freezeLabels(w.labels);
  return Object.freeze({
    source: 'caller',
    name: w.name,
    namespace: w.namespace ?? 'default',
    address: w.address,
    labels,
    serviceAccount: w.serviceAccount ?? 'default',
    locality: w.locality ?? localityFromLabels(labels),
    network: w.network ?? labels[MeshWellKnown.networkLabel] ?? '',
    weight: weightOf(w.weight),
    healthy: w.healthy ?? true,
    ports: w.ports === undefined ? NO_PORTS : Object.freeze({ ...w.ports }),
    workloadName: w.workloadName ?? w.name,
  });
}

/**
 * The instances of caller-supplied workloads, frozen. Throws RegistryError (InvalidWorkload) for a workload
 * without name or address, and for two with the same namespace and name.
 */
export function instancesFromInputs(inputs: readonly WorkloadInput[]): readonly WorkloadInstance[] {
  const seen = new Set<string>();
  const out = inputs.map((w) => {
    if (w.name === '' || w.address === '')
      throw new RegistryError(
        RegistryErrorCode.InvalidWorkload,
        'expected every workload to have a name and an address',
      );
    const i = instanceFromInput(w);
    const id = `${i.namespace}/${i.name}`;
    if (seen.has(id))
      throw new RegistryError(
        RegistryErrorCode.InvalidWorkload,
        `workload ${id} is given twice; expected unique names`,
      );
    seen.add(id);
    return i;
  });
  return Object.freeze(out);
}

/** A synthetic instance for an address that no workload stands behind (see WorkloadInstance.source). */
export function syntheticInstance(
  source: 'endpoints' | 'dns',
  name: string,
  namespace: string,
  address: string,
  healthy: boolean,
  origin: string,
): WorkloadInstance {
  return Object.freeze({
    source,
    name,
    namespace,
    address,
    labels: freezeLabels(undefined),
    serviceAccount: '',
    locality: '',
    network: '',
    weight: 1,
    healthy,
    ports: NO_PORTS,
    origin,
  });
}
