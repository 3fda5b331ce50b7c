// How telemetry names the two ends of a request: the workload of a reporting proxy (by its Envoy node id) and the
// workload serving at a local `ip:port` (a request's upstream host), built from the dev control plane's plans.
// Invariants: every ref is frozen and shared (one object per instance, one per workload), so the hot path
// compares and caches them by identity; a graph node is one workload (`namespace/workload`), whatever its replicas.

import type { AddressPlan } from '../../dev/address-plan.js';
import type { LocalWorkload, WorkloadPlan } from '../../dev/workloads.js';
import type { WorkloadRef } from '../protocol.js';

export interface MeshDirectory {
  /** The proxy's workload (Istio node id `sidecar~IP~POD.NS~NS.svc.cluster.local`). */
  node(nodeId: string): WorkloadRef | undefined;
  /** The workload serving at a local `ip:port` (a request's upstream host). */
  endpoint(address: string): WorkloadRef | undefined;
  /** Every planned workload and gateway, one ref per workload (graph nodes exist before traffic). */
  workloads(): readonly WorkloadRef[];
  /**
   * The one workload behind an outbound cluster's endpoints (undefined: several, none, or unknown): names the
   * destination of a request no host answered (a fault abort, no healthy upstream).
   */
  cluster?(name: string): WorkloadRef | undefined;
}

/** A cluster's endpoint addresses (`ip:port`), as the proxies were told them; undefined when no proxy has it. */
export type ClusterEndpoints = (cluster: string) => readonly string[] | undefined;

/** Hosts every local listener binds (see address-plan.ts): the upstream hosts of rewritten endpoints. */
const LOCAL_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

/** The ref of one instance; `pod` set. The app label names the graph group (Istio's canonical name otherwise). */
export function workloadRefOf(w: LocalWorkload, withPod: boolean): WorkloadRef {
  const app = w.labels.app ?? w.labels['service.istio.io/canonical-name'] ?? w.workloadName;
  const version = w.labels.version ?? w.labels['service.istio.io/canonical-revision'];
  return Object.freeze({
    kind: w.proxyType === 'router' ? 'gateway' : 'workload',
    namespace: w.namespace,
    workload: w.workloadName,
    app,
    ...(version === undefined ? {} : { version }),
    ...(withPod ? { pod: w.podName } : {}),
  });
}

/** The pod IP of an Istio node id `TYPE~IP~POD.NS~NS.svc.DOMAIN`, or undefined when it is not one. */
export function nodeIdAddress(nodeId: string): string | undefined {
  const parts = nodeId.split('~');
  return parts.length === 4 ? parts[1] : undefined;
}

class PlannedDirectory implements MeshDirectory {
  readonly #byNode = new Map<string, WorkloadRef>();
  readonly #byIp = new Map<string, WorkloadRef>();
  readonly #byAddress = new Map<string, WorkloadRef>();
  readonly #workloads: readonly WorkloadRef[];
  readonly #clusters = new Map<string, WorkloadRef | null>();

  constructor(
    plan: WorkloadPlan,
    addresses: AddressPlan,
    private readonly clusterEndpoints?: ClusterEndpoints,
  ) {
    const perWorkload = new Map<string, LocalWorkload[]>();
    for (const w of plan.instances) {
      const key = `${w.namespace}/${w.workloadName}`;
      const list = perWorkload.get(key);
      if (list === undefined) perWorkload.set(key, [w]);
      else list.push(w);
    }
    const workloads: WorkloadRef[] = [];
    for (const list of perWorkload.values()) {
      const first = list[0];
      if (first !== undefined) workloads.push(workloadRefOf(first, list.length === 1));
    }
    this.#workloads = Object.freeze(workloads);
    for (const w of plan.instances) {
      const ref = workloadRefOf(w, true);
      this.#byNode.set(w.proxyId, ref);
      this.#byIp.set(w.address, ref);
      // The pod's own container ports (an endpoint not rewritten to a local port still names its pod).
      for (const p of w.containerPorts) this.#add(`${w.address}:${p.port}`, ref);
      const local = addresses.pod(w.podName, w.namespace);
      if (local === undefined) continue;
      const ports = [...Object.values(local.inboundPorts), ...Object.values(local.appPorts)];
      for (const port of ports) for (const host of LOCAL_HOSTS) this.#add(`${host}:${port}`, ref);
    }
  }

  /** First writer wins: two gateways given one configured port both listen there; the first planned keeps it. */
  #add(address: string, ref: WorkloadRef): void {
    if (!this.#byAddress.has(address)) this.#byAddress.set(address, ref);
  }

  node(nodeId: string): WorkloadRef | undefined {
    const direct = this.#byNode.get(nodeId);
    if (direct !== undefined) return direct;
    // Another domain suffix than the plan's: the pod IP still names the instance.
    const ip = nodeIdAddress(nodeId);
    return ip === undefined ? undefined : this.#byIp.get(ip);
  }

  endpoint(address: string): WorkloadRef | undefined {
    return this.#byAddress.get(address);
  }

  workloads(): readonly WorkloadRef[] {
    return this.#workloads;
  }

  cluster(name: string): WorkloadRef | undefined {
    let ref = this.#clusters.get(name);
    if (ref === undefined) {
      ref = null;
      for (const address of this.clusterEndpoints?.(name) ?? []) {
        const w = this.endpoint(address);
        if (w === undefined || (ref !== null && ref.workload !== w.workload)) {
          ref = null;
          break;
        }
        ref = w;
      }
      this.#clusters.set(name, ref);
    }
    return ref ?? undefined;
  }
}

/** The directory of a workload plan (src/dev/workloads.ts) and its address plan (src/dev/address-plan.ts). */
export function buildMeshDirectory(
  workloads: WorkloadPlan,
  addresses: AddressPlan,
  clusterEndpoints?: ClusterEndpoints,
): MeshDirectory {
  return new PlannedDirectory(workloads, addresses, clusterEndpoints);
}

/** A directory that knows nothing: every request's ends are `unknown` or external. */
export const EMPTY_DIRECTORY: MeshDirectory = Object.freeze({
  node: () => undefined,
  endpoint: () => undefined,
  workloads: () => [],
});
