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

/** Translates `nodeId` over `resources`. Throws TraceError (TRACE_PROXY, TRACE_REGISTRY). */
export function translateNode(resources: readonly LoadedResource[], nodeId: string): NodeTranslation {
  const node = nodeOf(nodeId);
  const plan = planWorkloads(resources);
  const pool = planInstances(plan);
  const instance =
    pool.find((i) => i.podName === node.workloadName && i.namespace === node.namespace) ??
    pool.find((i) => node.ipAddresses.includes(i.address));
  if (instance === undefined)
    throw new TraceError(
      'TRACE_PROXY',
      `proxy ${nodeId}: no planned workload has pod ${node.workloadName}.${node.namespace} in this configuration; expected one of ${pool.map((i) => `${i.podName}.${i.namespace}`).join(', ') || '(none)'}`,
    );
  let registry: Registry;
  try {
    registry = buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads });
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    throw new TraceError('TRACE_REGISTRY', `the registry refused this configuration: ${err.message}`);
  }
  const proxy = proxyOf(instance);
  const mesh = meshConfigOf(resources).mesh;
  const translation = translate(proxy, new PushContext(registry, mesh));
  return { nodeId, plan, registry, instance, proxy, translation };
}

/** `ip:port` (or `ip`) -> pod name of every planned instance, for naming endpoints. */
export function podsByAddress(plan: WorkloadPlan): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const i of planInstances(plan)) if (!out.has(i.address)) out.set(i.address, i.podName);
  return out;
}
