// The registry's services: one per namespace and hostname, found by hostname or namespace. When several
// resources declare the same hostname in one namespace, the first candidate wins: candidates come Kubernetes
// Services first (a ServiceEntry cannot squat on a Service's name, as in Istio), then ServiceEntries in
// namespace/name order (Istio: the oldest).
import { allocatedClusterIP } from './cluster-ip.js';
import { push } from './config-index.js';
import { type MeshService, meshServiceKey } from './service.js';
import { isExportedTo } from './visibility.js';

const EMPTY: readonly never[] = Object.freeze([]);

export class ServiceIndex {
  /** By hostname, then Kubernetes before ServiceEntries, then namespace. */
  readonly all: readonly MeshService[];
  readonly #byHost = new Map<string, readonly MeshService[]>();
  readonly #byNamespace = new Map<string, readonly MeshService[]>();

  /** `candidates` in priority order (see the file comment). */
  constructor(candidates: Iterable<MeshService>) {
    const chosen = new Map<string, MeshService>();
    for (const s of candidates) if (!chosen.has(meshServiceKey(s))) chosen.set(meshServiceKey(s), s);
    const all = resolveAllocatedIPs([...chosen.values()]).sort(
      (a, b) => cmp(a.hostname, b.hostname) || primaryOrder(a, b) || cmp(a.namespace, b.namespace),
    );
    const byHost = new Map<string, MeshService[]>();
    const byNs = new Map<string, MeshService[]>();
    for (const s of all) {
      push(byHost, s.hostname, s);
      push(byNs, s.namespace, s);
    }
    for (const [k, v] of byHost) this.#byHost.set(k, Object.freeze(v));
    for (const [k, v] of byNs) this.#byNamespace.set(k, Object.freeze(v));
    this.all = Object.freeze(all);
  }

  /** Services of `hostname` in every namespace, the primary (Kubernetes, else first namespace) first. */
  withHostname(hostname: string): readonly MeshService[] {
    return this.#byHost.get(hostname) ?? EMPTY;
  }

  inNamespace(namespace: string): readonly MeshService[] {
    return this.#byNamespace.get(namespace) ?? EMPTY;
  }

  /**
   * The service of `hostname`: without `fromNamespace` the primary one; with it, among those visible from that
   * namespace, its own namespace's, else the first.
   */
  pick(hostname: string, fromNamespace?: string): MeshService | undefined {
    const list = this.withHostname(hostname);
    if (fromNamespace === undefined) return list[0];
    const visible = list.filter((s) => isExportedTo(s.exportTo, s.namespace, fromNamespace));
    return visible.find((s) => s.namespace === fromNamespace) ?? visible[0];
  }

  /** Services visible from `namespace`, in `all` order. Frozen. */
  visibleFrom(namespace: string): readonly MeshService[] {
    return Object.freeze(this.all.filter((s) => isExportedTo(s.exportTo, s.namespace, namespace)));
  }
}

/**
 * Allocated cluster IPs never collide with an explicit one or with each other: explicit addresses are taken
 * first, then allocated ones in namespace/name order; a service whose address is taken re-hashes (a new frozen
 * object; every other service keeps its identity).
 */
function resolveAllocatedIPs(services: readonly MeshService[]): MeshService[] {
  const used = new Set<string>();
  for (const s of services) if (s.clusterIPAllocated !== true) for (const a of s.addresses) used.add(a);
  const allocated = services
    .filter((s) => s.clusterIPAllocated === true)
    .sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  const replaced = new Map<MeshService, MeshService>();
  for (const s of allocated) {
    let ip = s.clusterIP ?? '';
    for (let attempt = 1; used.has(ip); attempt++) ip = allocatedClusterIP(s.namespace, s.name, attempt);
    used.add(ip);
    if (ip !== s.clusterIP)
      replaced.set(s, Object.freeze({ ...s, clusterIP: ip, addresses: Object.freeze([ip]) }));
  }
  return services.map((s) => replaced.get(s) ?? s);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kubernetes services before ServiceEntries of the same hostname. */
function primaryOrder(a: MeshService, b: MeshService): number {
  if (a.source === b.source) return 0;
  return a.source === 'kubernetes' ? -1 : 1;
}
