// The pure injection core: `inject(pod, options)` returns the injected pod, the RFC 6902 patch from the pod as
// given, and a report. It follows Istio's injectPod: strip an earlier injection, render the template, merge it
// onto the pod, reapply user overrides, then post-process (metrics merge, probe rewrite, status annotation,
// container order). It never modifies its input and never reads a clock or the network.
import { InvalidPodError } from '../errors.js';
import type { ContainerLike, PodLike, StringMap } from '../types.js';
import { cloneJson, isRecord } from '../types.js';
import { A, L, validateAnnotations } from './annotations.js';
import type { MeshConfigLike, SidecarValues } from './config.js';
import {
  ENABLE_CORE_DUMP_CONTAINER,
  INIT_CONTAINER,
  meshStatusPort,
  PROXY_CONTAINER,
  resolveValues,
  VALIDATION_CONTAINER,
} from './config.js';
import type { InjectionPolicy, Skip } from './decide.js';
import { decide } from './decide.js';
import { modifyContainers, strategicMerge } from './merge.js';
import { parseOverrides, parseStatus, reapplyOverrides } from './overrides.js';
import { deployMetaFromPod } from './owner.js';
import type { PatchOperation } from './patch.js';
import { createPatch } from './patch.js';
import { dumpAppProbers, mergeOrAppendProbers, rewriteProbes, shouldRewriteProbes } from './probe-rewrite.js';
import { applyPrometheusMerge, stripPrometheus } from './prometheus.js';
import { effectiveProxyConfig } from './proxy-config.js';
import type { DeployMeta, TemplateInput, TypeMeta } from './template-input.js';
import { templateSwitches } from './template-input.js';
import type { TemplateFn } from './templates/index.js';
import { findTemplate, selectTemplates } from './templates/index.js';

export interface InjectOptions {
  /** The namespace of the request; used when the pod has none (pods of a Deployment arrive without one). */
  namespace?: string;
  /** Labels of the pod's namespace when known; they select the revision (see decide.ts). */
  namespaceLabels?: StringMap;
  meshConfig?: MeshConfigLike;
  values?: Partial<SidecarValues>;
  /** The injector's revision, "" (default) unless it serves `istio.io/rev=<revision>`. */
  revision?: string;
  policy?: InjectionPolicy;
  /**
   * The default template(s) when the pod names none with `inject.istio.io/templates` (a name or a comma list;
   * default "sidecar"). Built in: sidecar, gateway, grpc-simple.
   */
  template?: string | readonly string[];
  /** Extra template members by name (they win over built-in ones of the same name). */
  templates?: Readonly<Record<string, TemplateFn>>;
  /**
   * Cluster and network for this request (`ISTIO_META_CLUSTER_ID`, `ISTIO_META_NETWORK`), as Istio reads them from
   * the webhook path `/inject/cluster/<id>/net/<network>`; they win over the values.
   */
  proxyEnvs?: StringMap;
  /** The owning workload when known (kube-inject); otherwise guessed from owner references. */
  owner?: { typeMeta: TypeMeta; deployMeta: DeployMeta };
}

export interface InjectReport {
  injected: boolean;
  /** Why the pod was not injected (stable code + sentence); absent when injected. */
  skip?: Skip;
  /** The pod carried a status annotation: it was injected before and was injected again. */
  reinjected: boolean;
  namespace: string;
  /** Names from the status annotation: what the injector owns in the pod. */
  initContainers: string[];
  containers: string[];
  volumes: string[];
}

export interface InjectResult {
  pod: PodLike;
  patch: PatchOperation[];
  report: InjectReport;
}

function checkContainers(list: unknown, field: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new InvalidPodError(`spec.${field} must be a list of containers`);
  list.forEach((c, i) => {
    if (!isRecord(c) || typeof c.name !== 'string' || c.name === '') {
      throw new InvalidPodError(`spec.${field}[${i}] must be a container with a name`);
    }
  });
}

/** Shape checks on what injection reads; everything else passes through as received. */
export function assertPod(pod: unknown): asserts pod is PodLike {
  if (!isRecord(pod)) throw new InvalidPodError('the object is not a pod: expected a JSON object');
  if (pod.metadata !== undefined && !isRecord(pod.metadata))
    throw new InvalidPodError('metadata must be an object');
  for (const f of ['labels', 'annotations'] as const) {
    const m = (pod.metadata as Record<string, unknown> | undefined)?.[f];
    if (m !== undefined && (!isRecord(m) || Object.values(m).some((v) => typeof v !== 'string'))) {
      throw new InvalidPodError(`metadata.${f} must map strings to strings`);
    }
  }
  if (!isRecord(pod.spec)) throw new InvalidPodError('the pod has no spec');
  if (!Array.isArray(pod.spec.containers))
    throw new InvalidPodError('spec.containers must be a list of containers');
  checkContainers(pod.spec.containers, 'containers');
  checkContainers(pod.spec.initContainers, 'initContainers');
  if (pod.spec.volumes !== undefined && !Array.isArray(pod.spec.volumes))
    throw new InvalidPodError('spec.volumes must be a list');
}

/** Istio's stripPod: remove what an earlier injection added, so the template sees the user's pod. */
function stripPod(pod: PodLike, statusPort: number): PodLike {
  const annotations = pod.metadata?.annotations ?? {};
  const status = parseStatus(annotations[A.status]);
  // Nothing to strip or reinsert: the pod itself is what the template reads (it only reads).
  if (status === undefined && annotations[A.proxyOverrides] === undefined) return pod;
  const out = cloneJson(pod);
  if (status !== undefined) {
    for (const name of status.containers)
      out.spec.containers = modifyContainers(out.spec.containers, name, 'remove');
    for (const name of status.initContainers) {
      out.spec.initContainers = modifyContainers(out.spec.initContainers ?? [], name, 'remove');
    }
    const a = { ...(out.metadata?.annotations ?? {}) };
    stripPrometheus(a, statusPort);
    delete a[A.status];
    out.metadata = { ...out.metadata, annotations: a };
  }
  // reinsertOverrides: containers the user overrode come back, so the template reads the same pod as the first time.
  const overrides = parseOverrides(out.metadata?.annotations ?? {});
  for (const c of overrides.containers) {
    if (!out.spec.containers.some((x) => x.name === c.name)) out.spec.containers.push(cloneJson(c));
  }
  for (const c of overrides.initContainers) {
    out.spec.initContainers ??= [];
    if (!out.spec.initContainers.some((x) => x.name === c.name)) out.spec.initContainers.push(cloneJson(c));
  }
  return out;
}

/** The `sidecar.istio.io/status` value: what the template injected, in Go's JSON (null for empty lists). */
export function injectionStatus(template: PodLike, revision: string): string {
  const names = (l: readonly { name?: string }[] | undefined) =>
    l && l.length > 0 ? l.map((c) => c.name ?? '') : null;
  return JSON.stringify({
    initContainers: names(template.spec.initContainers),
    containers: names(template.spec.containers),
    volumes: names(template.spec.volumes),
    imagePullSecrets: names(template.spec.imagePullSecrets),
    revision: revision || 'default',
  });
}

/**
 * OpenShift assigns every container the namespace's UID; a proxy runAsUser equal to the (last) app container's
 * is that assignment, not a user choice, so it is dropped (Istio's isSidecarUserMatchingAppUser).
 */
function resetOpenShiftProxyUser(pod: PodLike): void {
  let proxyUser: unknown;
  let appUser: unknown;
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const user = c.securityContext?.runAsUser;
    if (c.name === PROXY_CONTAINER) proxyUser = user;
    else if (c.name !== VALIDATION_CONTAINER && c.name !== INIT_CONTAINER && user !== undefined)
      appUser = user;
  }
  const proxy = findSidecar(pod);
  if (proxy?.securityContext === undefined || proxyUser !== appUser) return;
  const { runAsUser: _u, runAsGroup: _g, ...rest } = proxy.securityContext;
  proxy.securityContext = rest;
}

function findSidecar(pod: PodLike): ContainerLike | undefined {
  return (
    pod.spec.containers.find((c) => c.name === PROXY_CONTAINER) ??
    pod.spec.initContainers?.find((c) => c.name === PROXY_CONTAINER)
  );
}

function reorder(pod: PodLike, holdPod: boolean): void {
  // The proxy goes last so `kubectl exec` defaults to the app, or first when the app waits for it.
  pod.spec.containers = modifyContainers(pod.spec.containers, PROXY_CONTAINER, holdPod ? 'first' : 'last');
  const init = pod.spec.initContainers;
  if (init === undefined) return;
  let list = init;
  if (list.some((c) => c.name === PROXY_CONTAINER)) {
    // Native sidecar: iptables setup, then the proxy, then the user's init containers (which are then meshed).
    for (const name of [ENABLE_CORE_DUMP_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER, INIT_CONTAINER]) {
      list = modifyContainers(list, name, 'first');
    }
  } else {
    // Validation first to block user containers; istio-init last so user init containers are not captured.
    list = modifyContainers(list, VALIDATION_CONTAINER, 'first');
    list = modifyContainers(list, INIT_CONTAINER, 'last');
    list = modifyContainers(list, ENABLE_CORE_DUMP_CONTAINER, 'last');
  }
  pod.spec.initContainers = list;
}

export function inject(given: PodLike, options: InjectOptions = {}): InjectResult {
  assertPod(given);
  // `received` is the patch base, never modified. `original` is what injection reads (templates, overrides): the
  // same object, except on OpenShift, where a copy is adjusted first.
  const received = cloneJson(given);
  const openshift = options.values?.platform === 'openshift';
  const original = openshift ? cloneJson(given) : received;
  const metadata = original.metadata ?? {};
  const namespace = metadata.namespace || options.namespace || 'default';
  const revision = options.revision ?? '';
  // The injector's revision names its istiod (istiod-<rev>) unless the values say otherwise.
  const values = resolveValues({ revision: revision === 'default' ? '' : revision, ...options.values });
  const mesh = options.meshConfig ?? {};
  const skip = decide({
    metadata,
    spec: original.spec,
    namespace,
    namespaceLabels: options.namespaceLabels,
    revision,
    policy: options.policy ?? 'enabled',
    subject: options.owner && `${options.owner.typeMeta.kind} ${namespace}/${options.owner.deployMeta.name}`,
  });
  const previous = parseStatus(metadata.annotations?.[A.status]);
  const report: InjectReport = {
    injected: false,
    reinjected: previous !== undefined,
    namespace,
    initContainers: [],
    containers: [],
    volumes: [],
  };
  if (skip !== undefined) return { pod: received, patch: [], report: { ...report, skip } };
  if (openshift) resetOpenShiftProxyUser(original);

  validateAnnotations(metadata.annotations ?? {});
  const statusPort = meshStatusPort(mesh);
  const proxyConfig = effectiveProxyConfig(mesh, metadata.annotations ?? {});
  const stripped = stripPod(original, statusPort);
  const owner =
    options.owner ??
    (() => {
      const d = deployMetaFromPod(metadata, namespace);
      return { typeMeta: d.type, deployMeta: d.deploy };
    })();
  const input: TemplateInput = {
    pod: stripped,
    annotations: stripped.metadata?.annotations ?? {},
    labels: stripped.metadata?.labels ?? {},
    typeMeta: owner.typeMeta,
    deployMeta: owner.deployMeta,
    mesh,
    proxyConfig,
    values,
    revision,
  };
  const switches = templateSwitches(input);
  const defaults =
    typeof options.template === 'string'
      ? options.template.split(',').map((t) => t.trim())
      : (options.template ?? ['sidecar']);
  let template: PodLike = { spec: { containers: [] } };
  let merged = cloneJson(original);
  for (const name of selectTemplates(input.annotations, defaults)) {
    const rendered = findTemplate(name, options.templates ?? {})(input, switches);
    template = strategicMerge(template, rendered);
    // With native sidecars the proxy lives in initContainers; a user's istio-proxy in containers moves there.
    if (
      switches.nativeSidecar &&
      template.spec.initContainers?.some((c) => c.name === PROXY_CONTAINER) &&
      merged.spec.containers.some((c) => c.name === PROXY_CONTAINER)
    ) {
      const proxy = merged.spec.containers.find((c) => c.name === PROXY_CONTAINER) as ContainerLike;
      merged.spec.containers = modifyContainers(merged.spec.containers, PROXY_CONTAINER, 'remove');
      merged.spec.initContainers = [...(merged.spec.initContainers ?? []), proxy];
    }
    merged = strategicMerge(merged, rendered);
  }
  merged = reapplyOverrides(merged, original, template, switches.tproxy);

  // Post-processing (Istio's postProcessPod).
  merged.metadata ??= {};
  merged.metadata.annotations ??= {};
  merged.metadata.labels ??= {};
  const annotations = merged.metadata.annotations;
  const labels = merged.metadata.labels;
  applyPrometheusMerge(merged, findSidecar(merged), statusPort, mesh.enablePrometheusMerge ?? true);
  const sidecar = findSidecar(merged);
  if (sidecar !== undefined) {
    const securePort = sidecar.env?.find((e) => e.name === 'ENVOY_SECURE_MERGED_METRICS_PORT')?.value;
    const hasSecure = Object.keys(annotations).some(
      (k) => k.replace(/[^a-zA-Z0-9_]/g, '_') === 'prometheus_istio_io_secure_port',
    );
    if (!hasSecure && securePort && securePort !== '0')
      annotations['prometheus.istio.io/secure-port'] = securePort;
    if (shouldRewriteProbes(annotations, values.rewriteAppHTTPProbe)) {
      const probers = dumpAppProbers(merged, statusPort);
      if (probers !== '')
        sidecar.env = mergeOrAppendProbers(A.status in annotations, sidecar.env ?? [], probers);
      rewriteProbes(merged, statusPort);
    }
  }
  // Istio's overwriteClusterInfo: cluster and network envs move to the end of the proxy env, sorted.
  const clusterEnvs: StringMap = {};
  const cluster = options.proxyEnvs?.ISTIO_META_CLUSTER_ID || values.clusterName;
  const network = metadata.labels?.[L.network] ?? (options.proxyEnvs?.ISTIO_META_NETWORK || values.network);
  if (cluster) clusterEnvs.ISTIO_META_CLUSTER_ID = cluster;
  if (network) clusterEnvs.ISTIO_META_NETWORK = network;
  const proxy = findSidecar(merged);
  if (proxy !== undefined && Object.keys(clusterEnvs).length > 0) {
    proxy.env = [
      ...(proxy.env ?? []).filter((e) => clusterEnvs[e.name] === undefined),
      ...Object.keys(clusterEnvs)
        .sort()
        .map((name) => ({ name, value: clusterEnvs[name] ?? '' })),
    ];
  }
  if (network) labels[L.network] = network;
  const status = injectionStatus(template, revision);
  annotations[A.status] = status;
  reorder(
    merged,
    proxyConfig.holdApplicationUntilProxyStarts === true || values.holdApplicationUntilProxyStarts,
  );

  const patch = createPatch(received, merged);
  const parsed = parseStatus(status);
  return {
    pod: merged,
    patch,
    report: {
      ...report,
      injected: true,
      initContainers: parsed?.initContainers ?? [],
      containers: parsed?.containers ?? [],
      volumes: parsed?.volumes ?? [],
    },
  };
}
