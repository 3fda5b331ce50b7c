// Which planned instance a `--proxy WORKLOAD[.NS]` or `--gateway NAME[.NS]` argument names: a pod name, a
// Deployment (or other owner) name, or an `app` label value; for gateways also the `istio` label value, an Istio
// Gateway whose selector picks the instance, or a Gateway API Gateway. The most exact kind of match wins; several
// distinct workloads at that level are an error listing them (replicas of one workload count as one: its first).
import type { LoadedResource } from '@minimesh/model';
import type { LocalWorkload, WorkloadPlan } from './workloads.js';

export type SelectKind = 'proxy' | 'gateway';

export class InstanceSelectError extends Error {
  constructor(
    readonly code: 'MESH_PROXY_NOT_FOUND' | 'MESH_PROXY_AMBIGUOUS',
    message: string,
    /** `pod.namespace` of the instances the user can name instead. */
    readonly candidates: readonly string[],
  ) {
    super(message);
    this.name = 'InstanceSelectError';
  }
}

const describe = (i: LocalWorkload) => `${i.podName}.${i.namespace} (${i.ownerKind} ${i.workloadName})`;

/** The first replica of each workload among `list`, in plan order. */
function perWorkload(list: readonly LocalWorkload[]): LocalWorkload[] {
  const seen = new Map<string, LocalWorkload>();
  for (const i of list) {
    const key = `${i.namespace}/${i.workloadName}`;
    if (!seen.has(key)) seen.set(key, i);
  }
  return [...seen.values()];
}

const selects = (selector: Record<string, string> | undefined, labels: Readonly<Record<string, string>>) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Matchers from the most exact to the least; each gives the instances it matches. */
function levels(
  name: string,
  pool: readonly LocalWorkload[],
  kind: SelectKind,
  resources: readonly LoadedResource[],
): LocalWorkload[][] {
  const out: LocalWorkload[][] = [
    pool.filter((i) => i.podName === name),
    perWorkload(pool.filter((i) => i.workloadName === name)),
    perWorkload(pool.filter((i) => i.labels.app === name)),
  ];
  if (kind === 'gateway') {
    out.push(perWorkload(pool.filter((i) => i.labels.istio === name)));
    // An Istio Gateway named `name` (its namespace's selector-matched gateways; Istio matches them mesh-wide).
    const istioGateways = resources.filter(
      (r) => r.kind === 'Gateway' && r.group === 'networking.istio.io' && r.name === name,
    );
    const bySelector = pool.filter((i) =>
      istioGateways.some((g) =>
        selects((g.object as { spec?: { selector?: Record<string, string> } }).spec?.selector, i.labels),
      ),
    );
    out.push(perWorkload(bySelector));
    out.push(perWorkload(pool.filter((i) => i.labels['gateway.networking.k8s.io/gateway-name'] === name)));
  }
  return out;
}

function pick(
  name: string,
  namespace: string | undefined,
  pool: readonly LocalWorkload[],
  kind: SelectKind,
  resources: readonly LoadedResource[],
): LocalWorkload[] {
  const scoped = namespace === undefined ? pool : pool.filter((i) => i.namespace === namespace);
  for (const level of levels(name, scoped, kind, resources)) if (level.length > 0) return level;
  return [];
}

/**
 * The instance `query` names (see the file comment). `query` is `name` (any namespace) or `name.namespace`; a
 * name containing dots is tried whole first. Throws InstanceSelectError for no match or several workloads.
 */
export function selectInstance(
  plan: WorkloadPlan,
  query: string,
  kind: SelectKind,
  resources: readonly LoadedResource[] = [],
): LocalWorkload {
  const pool = kind === 'gateway' ? plan.gateways : plan.instances;
  let found = pick(query, undefined, pool, kind, resources);
  const dot = query.lastIndexOf('.');
  if (found.length === 0 && dot > 0)
    found = pick(query.slice(0, dot), query.slice(dot + 1), pool, kind, resources);
  const flag = kind === 'gateway' ? '--gateway' : '--proxy';
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    const candidates = perWorkload(pool).map(describe);
    throw new InstanceSelectError(
      'MESH_PROXY_NOT_FOUND',
      `${flag} ${query}: no ${kind === 'gateway' ? 'gateway' : 'workload'} matches; expected a pod name, a workload name or an app label value${kind === 'gateway' ? ', an istio label value or a Gateway name' : ''}, one of:\n${candidates.map((c) => `  ${c}`).join('\n')}`,
      candidates,
    );
  }
  const candidates = found.map(describe);
  throw new InstanceSelectError(
    'MESH_PROXY_AMBIGUOUS',
    `${flag} ${query} matches ${found.length} workloads; name one of them (pod or workload name, with .NAMESPACE if needed):\n${candidates.map((c) => `  ${c}`).join('\n')}`,
    candidates,
  );
}
