// One reporting proxy's translation over one version's resources, offline: the workload plan and registry built as
// the dev control plane builds them (same MeshConfig from the `istio` ConfigMap), the planned instance the node id
// names (pod name and namespace), and translate() over a fresh push. Endpoints carry the plan's pod IPs (the
// dev mesh rewrites them to local ports on the wire; the trace speaks of pods).
import { buildRegistry, type LoadedResource, type Registry, RegistryError } from '@minimesh/model';
import { type MeshProxy, PushContext, parseProxy, type Translation, translate } from '@minimesh/translator';
import { meshConfigOf } from '../../dev/mesh-config-map.js';
import { proxyOf } from '../../dev/translate-instance.js';
import { type LocalWorkload, planWorkloads, type WorkloadPlan } from '../../dev/workloads.js';
import { TraceError } from './trace-error.js';

export interface NodeTranslation {
  readonly nodeId: string;
  readonly plan: WorkloadPlan;
  readonly registry: Registry;
  readonly instance: LocalWorkload;
  readonly proxy: MeshProxy;
  readonly translation: Translation;
}

/** Pod and namespace of a node id (`sidecar~IP~POD.NS~NS.svc.cluster.local`); throws TraceError TRACE_PROXY. */
export function nodeOf(nodeId: string): MeshProxy {
  try {
    return parseProxy({ id: nodeId });
  } catch (err) {
    throw new TraceError(
      'TRACE_PROXY',
      `proxy ${JSON.stringify(nodeId)}: ${(err as Error).message}; expected a node id TYPE~IP~POD.NAMESPACE~NAMESPACE.svc.cluster.local`,
    );
  }
}

/** Every planned instance (sidecars and gateways) of a plan. */
export function planInstances(plan: WorkloadPlan): readonly LocalWorkload[] {
  return [...plan.instances, ...plan.gateways];
}

interface PreparedConfig {
  readonly plan: WorkloadPlan;
  readonly registry: Registry;
  readonly push: PushContext;
}

/** Plan, registry and push of a resource set, by identity (one per set, shared by all its proxies). */
const prepared = new WeakMap<readonly LoadedResource[], PreparedConfig | TraceError>();

function prepare(resources: readonly LoadedResource[]): PreparedConfig {
  let p = prepared.get(resources);
  if (p === undefined) {
    const plan = planWorkloads(resources);
    try {
      const registry = buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads });
      p = { plan, registry, push: new PushContext(registry, meshConfigOf(resources).mesh) };
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err;
      p = new TraceError('TRACE_REGISTRY', `the registry refused this configuration: ${err.message}`);
    }
    prepared.set(resources, p);
  }
  if (p instanceof TraceError) throw p;
  return p;
}

/** Translates `nodeId` over `resources`. Throws TraceError (TRACE_PROXY, TRACE_REGISTRY). */
export function translateNode(resources: readonly LoadedResource[], nodeId: string): NodeTranslation {
  const node = nodeOf(nodeId);
  const { plan, registry, push } = prepare(resources);
  const pool = planInstances(plan);
  const instance =
    pool.find((i) => i.podName === node.workloadName && i.namespace === node.namespace) ??
    pool.find((i) => node.ipAddresses.includes(i.address));
  if (instance === undefined)
    throw new TraceError(
      'TRACE_PROXY',
      `proxy ${nodeId}: no planned workload has pod ${node.workloadName}.${node.namespace} in this configuration; expected one of ${pool.map((i) => `${i.podName}.${i.namespace}`).join(', ') || '(none)'}`,
    );
  const proxy = proxyOf(instance);
  return { nodeId, plan, registry, instance, proxy, translation: translate(proxy, push) };
}

/**
 * Translations already made, per resource set (by identity: the history keeps each version's array) and node id.
 * A resource set no longer referenced is collected with its translations.
 */
const memo = new WeakMap<readonly LoadedResource[], Map<string, NodeTranslation | TraceError>>();

/** translateNode, remembered per resource set and node (a TraceError is remembered and thrown again). */
export function translateNodeCached(resources: readonly LoadedResource[], nodeId: string): NodeTranslation {
  let byNode = memo.get(resources);
  if (byNode === undefined) {
    byNode = new Map();
    memo.set(resources, byNode);
  }
  let t = byNode.get(nodeId);
  if (t === undefined) {
    try {
      t = translateNode(resources, nodeId);
    } catch (err) {
      if (!(err instanceof TraceError)) throw err;
      t = err;
    }
    byNode.set(nodeId, t);
  }
  if (t instanceof TraceError) throw t;
  return t;
}

/** `ip:port` (or `ip`) -> pod name of every planned instance, for naming endpoints. */
export function podsByAddress(plan: WorkloadPlan): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const i of planInstances(plan)) if (!out.has(i.address)) out.set(i.address, i.podName);
  return out;
}
