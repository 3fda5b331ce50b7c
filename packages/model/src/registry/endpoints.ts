// Which workload instances back which service port (Istio's ServiceInstance / IstioEndpoint), with the port the
// workload listens on:
// - a Kubernetes Service with a selector: pods, WorkloadEntries and caller workloads of its namespace whose
//   labels include the selector (Istio's kube controller selects WorkloadEntries too);
// - a Kubernetes Service without one: its EndpointSlices (label kubernetes.io/service-name), else its Endpoints;
// - an ExternalName Service: its external name, resolved by DNS;
// - a ServiceEntry with workloadSelector: pods, WorkloadEntries and caller workloads of its namespace selected;
//   else its inline endpoints; else, when resolved by DNS, the host itself.
import { type LoadedResource, resourceKey } from '../loader/loaded-resource.js';
import type { EndpointSlice, Endpoints } from '../schema/kube/endpoints.js';
import { push } from './config-index.js';
import { syntheticInstance, type WorkloadInstance } from './instances.js';
import { labelsMatch, MeshWellKnown } from './labels.js';
import type { MeshService, MeshServicePort } from './service.js';

export interface ServiceEndpoint {
  /** The service's hostname and namespace. */
  readonly hostname: string;
  readonly namespace: string;
  readonly servicePort: MeshServicePort;
  /** Where to connect: the instance's address (a `unix://` path keeps its prefix). */
  readonly address: string;
  /** The port the workload listens on (targetPort resolved); 0 for unix domain sockets. */
  readonly port: number;
  readonly instance: WorkloadInstance;
}

/** What endpoint selection reads; built once per registry version. Lists are in namespace/name order. */
export interface EndpointSources {
  /** Pods, WorkloadEntries and caller workloads, by namespace. */
  readonly selectable: ReadonlyMap<string, readonly WorkloadInstance[]>;
  /** Pod instances by `namespace/name`. */
  readonly pods: ReadonlyMap<string, WorkloadInstance>;
  /** Endpoints by `namespace/name` (the Service's name). */
  readonly endpoints: ReadonlyMap<string, LoadedResource<Endpoints>>;
  /** EndpointSlices by `namespace/<service name>`. */
  readonly slices: ReadonlyMap<string, readonly LoadedResource<EndpointSlice>[]>;
  /** Inline endpoint instances of each ServiceEntry, by the entry's resourceKey. */
  readonly entryInstances: ReadonlyMap<string, readonly WorkloadInstance[]>;
}

const UNIX_PREFIX = 'unix://';

/** Every endpoint of `service`, port by port in the service's port order. Frozen. */
export function computeEndpoints(service: MeshService, sources: EndpointSources): readonly ServiceEndpoint[] {
  const out: ServiceEndpoint[] = [];
  const add = (
    servicePort: MeshServicePort,
    instance: WorkloadInstance,
    port: number,
    address = instance.address,
  ) =>
    out.push(
      Object.freeze({
        hostname: service.hostname,
        namespace: service.namespace,
        servicePort,
        address,
        port,
        instance,
      }),
    );
  if (service.source === 'kubernetes') {
    if (service.externalName !== undefined) {
      const dns = syntheticInstance(
        'dns',
        service.name,
        service.namespace,
        service.externalName,
        true,
        service.originKey,
      );
      for (const sp of service.ports) add(sp, dns, sp.port);
    } else if (service.selector !== undefined) {
      const selector = service.selector;
      const candidates = (sources.selectable.get(service.namespace) ?? []).filter((w) =>
        labelsMatch(selector, w.labels),
      );
      for (const sp of service.ports) {
        for (const w of candidates) {
          const port = kubeTargetPort(sp, w);
          if (port !== undefined) add(sp, w, port);
        }
      }
    } else {
      fromClusterEndpoints(service, sources, add);
    }
    return Object.freeze(out);
  }
  let instances: readonly WorkloadInstance[];
  if (service.selector !== undefined) {
    const selector = service.selector;
    instances = (sources.selectable.get(service.namespace) ?? []).filter((w) =>
      labelsMatch(selector, w.labels),
    );
  } else {
    instances = sources.entryInstances.get(service.originKey) ?? [];
  }
  if (instances.length === 0 && service.selector === undefined && isDns(service)) {
    const dns = syntheticInstance(
      'dns',
      service.hostname,
      service.namespace,
      service.hostname,
      true,
      service.originKey,
    );
    for (const sp of service.ports) add(sp, dns, typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
    return Object.freeze(out);
  }
  for (const sp of service.ports) {
    for (const w of instances) {
      if (w.address.startsWith(UNIX_PREFIX)) add(sp, w, 0);
      else add(sp, w, w.ports[sp.name] ?? (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port));
    }
  }
  return Object.freeze(out);
}

function isDns(service: MeshService): boolean {
  return service.resolution === 'DNS' || service.resolution === 'DNSRoundRobin';
}

/**
 * The port a selected workload serves a Kubernetes service port on (Kubernetes' FindPort, Istio's
 * serviceInstanceFromWorkloadInstance): a numeric targetPort (or none: the service port) as is, except that a
 * WorkloadEntry's `ports[<service port name>]` overrides it; a named targetPort is looked up in the workload's
 * named ports, and a workload without that name does not back the port (undefined).
 */
function kubeTargetPort(sp: MeshServicePort, w: WorkloadInstance): number | undefined {
  if (typeof sp.targetPort === 'string') return w.ports[sp.targetPort];
  const numeric = sp.targetPort ?? sp.port;
  if (w.source === 'workloadentry') return w.ports[sp.name] ?? numeric;
  return numeric;
}

type Add = (servicePort: MeshServicePort, instance: WorkloadInstance, port: number, address?: string) => void;

/** Endpoint ports match service ports by name; a single port on each side matches whatever the names. */
function matchPort(
  service: MeshService,
  ports: readonly { name?: string | undefined; port?: number | undefined }[],
): { sp: MeshServicePort; port: number }[] {
  const out: { sp: MeshServicePort; port: number }[] = [];
  for (const sp of service.ports) {
    const p =
      ports.find((e) => (e.name ?? '') === sp.name) ??
      (ports.length === 1 && service.ports.length === 1 ? ports[0] : undefined);
    if (p?.port !== undefined) out.push({ sp, port: p.port });
  }
  return out;
}

function fromClusterEndpoints(service: MeshService, sources: EndpointSources, add: Add): void {
  const key = `${service.namespace}/${service.name}`;
  const instanceFor = (
    ip: string,
    ref: { kind?: string | undefined; name?: string | undefined; namespace?: string | undefined } | undefined,
    ready: boolean,
    origin: string,
  ): WorkloadInstance => {
    const pod =
      ref?.kind === 'Pod' && ref.name !== undefined
        ? sources.pods.get(`${ref.namespace ?? service.namespace}/${ref.name}`)
        : undefined;
    if (pod !== undefined && pod.address === ip)
      return ready ? pod : Object.freeze({ ...pod, healthy: false });
    return syntheticInstance('endpoints', ref?.name ?? ip, service.namespace, ip, ready, origin);
  };
  const slices = sources.slices.get(key) ?? [];
  if (slices.length > 0) {
    for (const slice of slices) {
      const origin = resourceKey(slice);
      for (const { sp, port } of matchPort(service, slice.object.ports ?? [])) {
        for (const ep of slice.object.endpoints) {
          const ready = ep.conditions?.ready !== false;
          for (const ip of ep.addresses) add(sp, instanceFor(ip, ep.targetRef, ready, origin), port, ip);
        }
      }
    }
    return;
  }
  const endpoints = sources.endpoints.get(key);
  if (endpoints === undefined) return;
  const origin = resourceKey(endpoints);
  for (const subset of endpoints.object.subsets ?? []) {
    for (const { sp, port } of matchPort(service, subset.ports ?? [])) {
      for (const a of subset.addresses ?? [])
        add(sp, instanceFor(a.ip, a.targetRef, true, origin), port, a.ip);
      for (const a of subset.notReadyAddresses ?? [])
        add(sp, instanceFor(a.ip, a.targetRef, false, origin), port, a.ip);
    }
  }
}

/**
 * The sources of one registry version: `instances` (every listed instance, namespace/name order), the
 * Endpoints and EndpointSlices, and each ServiceEntry's inline instances.
 */
export function buildEndpointSources(
  instances: readonly WorkloadInstance[],
  endpoints: readonly LoadedResource<Endpoints>[],
  slices: readonly LoadedResource<EndpointSlice>[],
  entryInstances: ReadonlyMap<string, readonly WorkloadInstance[]>,
): EndpointSources {
  const selectable = new Map<string, WorkloadInstance[]>();
  const pods = new Map<string, WorkloadInstance>();
  for (const i of instances) {
    if (i.source === 'serviceentry') continue;
    push(selectable, i.namespace, i);
    if (i.source === 'pod') pods.set(`${i.namespace}/${i.name}`, i);
  }
  const endpointsByName = new Map<string, LoadedResource<Endpoints>>();
  for (const r of endpoints) endpointsByName.set(`${r.namespace ?? ''}/${r.name}`, r);
  const slicesByService = new Map<string, LoadedResource<EndpointSlice>[]>();
  for (const r of slices) {
    const name = sliceServiceName(r);
    if (name !== undefined) push(slicesByService, `${r.namespace ?? ''}/${name}`, r);
  }
  return { selectable, pods, endpoints: endpointsByName, slices: slicesByService, entryInstances };
}

/** The EndpointSlice's Service (label kubernetes.io/service-name), or undefined. */
export function sliceServiceName(slice: LoadedResource<EndpointSlice>): string | undefined {
  return slice.object.metadata.labels?.[MeshWellKnown.serviceNameLabel];
}
