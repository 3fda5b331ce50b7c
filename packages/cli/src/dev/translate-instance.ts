// One planned instance's translation, offline: the registry built from the resources and the plan's workloads
// (as `mesh dev`'s control plane builds it), the instance's proxy as its node id and labels describe it, and
// translate() over a fresh push. Also the /config_dump document of the result, shaped as Envoy's admin serves it.
import {
  buildConfigDump,
  buildRegistry,
  type ConfigDump,
  clustersConfigDump,
  endpointsConfigDump,
  type LoadedResource,
  listenersConfigDump,
  type Registry,
  routesConfigDump,
  secretsConfigDump,
} from '@minimesh/model';
import {
  type MeshConfig,
  type MeshProxy,
  PushContext,
  parseProxy,
  type Translation,
  translate,
} from '@minimesh/translator';
import { type SelectKind, selectInstance } from './select-instance.js';
import { type LocalWorkload, planWorkloads, type WorkloadPlan } from './workloads.js';

export interface InstanceTranslation {
  readonly plan: WorkloadPlan;
  readonly registry: Registry;
  readonly instance: LocalWorkload;
  readonly proxy: MeshProxy;
  readonly translation: Translation;
}

/** The proxy a planned instance runs: its node id, labels and service account, as its agent would send them. */
export function proxyOf(instance: LocalWorkload): MeshProxy {
  return parseProxy({
    id: instance.proxyId,
    labels: { ...instance.labels },
    serviceAccount: instance.serviceAccount,
  });
}

/**
 * Plans the workloads of `resources`, selects `query` among them (see selectInstance; throws InstanceSelectError)
 * and translates its proxy. Throws RegistryError when the registry refuses the input.
 */
export function translateInstance(
  resources: readonly LoadedResource[],
  query: string,
  kind: SelectKind,
  /** The MeshConfig to translate with (default: Istio's defaults), e.g. the running control plane's. */
  mesh?: MeshConfig,
): InstanceTranslation {
  const plan = planWorkloads(resources);
  const instance = selectInstance(plan, query, kind, resources);
  const registry = buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads });
  const proxy = proxyOf(instance);
  const translation = translate(proxy, new PushContext(registry, mesh));
  return { plan, registry, instance, proxy, translation };
}

/**
 * The ConfigDump Envoy's admin serves for a proxy configured only by xDS with `translation` (no bootstrap section:
 * nothing runs; endpoints included, as with ?include_eds; secrets when there are any). `versionInfo` labels every
 * dynamic entry, as one push would.
 */
export function configDumpOf(translation: Translation, versionInfo?: string): ConfigDump {
  const v = versionInfo === undefined ? {} : { versionInfo };
  const secrets = translation.secrets ?? [];
  return buildConfigDump({
    clusters: clustersConfigDump({
      ...v,
      dynamicActiveClusters: translation.clusters.map((resource) => ({ resource, ...v })),
    }),
    endpoints: endpointsConfigDump({
      dynamicEndpointConfigs: translation.endpoints.map((resource) => ({ resource, ...v })),
    }),
    listeners: listenersConfigDump({
      ...v,
      dynamicListeners: translation.listeners.map((resource) => ({ resource, ...v })),
    }),
    routes: routesConfigDump({
      dynamicRouteConfigs: translation.routes.map((resource) => ({ resource, ...v })),
    }),
    ...(secrets.length === 0
      ? {}
      : {
          secrets: secretsConfigDump({
            dynamicActiveSecrets: secrets.map((resource) => ({ resource, ...v })),
          }),
        }),
  });
}
