// User overrides of injected containers, as Istio's reapplyOverwrittenContainers handles them: a container in
// the user's pod named like an injected one (usually `istio-proxy`) is merged back over the injected container,
// and remembered in `proxy.istio.io/overrides` so that re-injection reapplies it (idempotency).
import { TemplateError } from '../errors.js';
import type { ContainerLike, PodLike } from '../types.js';
import { cloneJson, isRecord } from '../types.js';
import { A } from './annotations.js';
import { INIT_CONTAINER, PROXY_CONTAINER, VALIDATION_CONTAINER } from './config.js';
import { strategicMerge } from './merge.js';

export interface ParsedContainers {
  containers: ContainerLike[];
  initContainers: ContainerLike[];
}

/** The `image: auto` placeholder: keep the injected image (image is required, so users write this). */
export const AUTO_IMAGE = 'auto';

/**
 * Go's field order of corev1.Container, so the overrides annotation reads as Istio writes it (except that an
 * absent `resources` stays absent: Go always writes `{}`, which would add it to the pod on re-injection).
 */
const CONTAINER_FIELDS = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'restartPolicyRules',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
];

function goOrder(c: ContainerLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CONTAINER_FIELDS) {
    if (c[k] !== undefined) out[k] = c[k];
  }
  for (const k of Object.keys(c).sort()) if (!(k in out)) out[k] = c[k];
  return out;
}

function containerList(v: unknown): ContainerLike[] {
  if (!Array.isArray(v)) return [];
  return v.filter((c): c is ContainerLike => isRecord(c) && typeof c.name === 'string');
}

export function parseOverrides(annotations: Record<string, string>): ParsedContainers {
  const text = annotations[A.proxyOverrides];
  if (text === undefined) return { containers: [], initContainers: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TemplateError(`annotation ${A.proxyOverrides} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(parsed)) throw new TemplateError(`annotation ${A.proxyOverrides} must be a JSON object`);
  return {
    containers: containerList(parsed.containers),
    initContainers: containerList(parsed.initContainers),
  };
}

/** Names listed in a `sidecar.istio.io/status` annotation (empty when absent or unreadable, as Istio). */
export function parseStatus(
  text: string | undefined,
): { containers: string[]; initContainers: string[]; volumes: string[] } | undefined {
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text) as unknown;
    if (!isRecord(s)) return undefined;
    const names = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return {
      containers: names(s.containers),
      initContainers: names(s.initContainers),
      volumes: names(s.volumes),
    };
  } catch {
    return undefined;
  }
}

const byName = (list: readonly ContainerLike[] | undefined, name: string) =>
  list?.find((c) => c.name === name);

/**
 * Reapplies the user's versions of injected containers over `merged`. `original` is the pod as received,
 * `template` the rendered template pod. Returns the new merged pod.
 */
export function reapplyOverrides(
  merged: PodLike,
  original: PodLike,
  template: PodLike,
  tproxy: boolean,
): PodLike {
  // (A container listed in the status annotation was injected before: only a recorded override applies to it.)
  const annotations = original.metadata?.annotations ?? {};
  const existing = parseOverrides(annotations);
  const statusText = annotations['sidecar.istio.io/status'];
  const status = parseStatus(statusText) ?? { containers: [], initContainers: [], volumes: [] };
  const found: ParsedContainers = { containers: [], initContainers: [] };
  let out = merged;
  // Istio skips containers a previous injection created, which drops the user's overrides on re-injection;
  // minimesh reapplies the ones recorded in proxy.istio.io/overrides so that re-injection is idempotent.
  const reinjected = statusText !== undefined;
  // A container named anywhere in the status annotation was injected before (also when an older, non-native
  // injection put istio-proxy in containers and it now moves to initContainers); Istio checks only the same list
  // and so keeps the old proxy's stale args and env as if the user had written them.
  const injectedBefore = (name: string) =>
    status.containers.includes(name) || status.initContainers.includes(name);
  for (const c of template.spec.containers) {
    const match = injectedBefore(c.name)
      ? reinjected
        ? byName(existing.containers, c.name)
        : undefined
      : (byName(existing.containers, c.name) ?? byName(original.spec.containers, c.name));
    if (match === undefined) continue;
    const overlay = cloneJson(match);
    if (overlay.image === AUTO_IMAGE) delete overlay.image;
    found.containers.push(overlay);
    out = strategicMerge(out, { spec: { containers: [overlay] } });
  }
  for (const c of template.spec.initContainers ?? []) {
    const match = injectedBefore(c.name)
      ? byName(existing.initContainers, c.name)
      : (byName(existing.initContainers, c.name) ??
        byName(original.spec.containers, c.name) ??
        byName(original.spec.initContainers, c.name));
    if (match === undefined) continue;
    const overlay = cloneJson(match);
    if (overlay.image === AUTO_IMAGE) delete overlay.image;
    found.initContainers.push(overlay);
    out = strategicMerge(out, { spec: { initContainers: [overlay] } });
  }
  if (statusText === undefined && (found.containers.length > 0 || found.initContainers.length > 0)) {
    const value: Record<string, unknown> = {};
    if (found.containers.length > 0) value.containers = found.containers.map(goOrder);
    if (found.initContainers.length > 0) value.initContainers = found.initContainers.map(goOrder);
    out.metadata = {
      ...out.metadata,
      annotations: { ...out.metadata?.annotations, [A.proxyOverrides]: JSON.stringify(value) },
    };
  }
  // On re-injection the pod's istio-proxy is the injected one; the user's own is the recorded override.
  const user = reinjected
    ? (byName(existing.containers, PROXY_CONTAINER) ?? byName(existing.initContainers, PROXY_CONTAINER))
    : (byName(original.spec.containers, PROXY_CONTAINER) ??
      byName(original.spec.initContainers, PROXY_CONTAINER));
  adjustInitContainerUser(out, user, tproxy);
  return out;
}

/** A user-set runAsUser/runAsGroup on istio-proxy carries over to the iptables `-u` and the validation container. */
function adjustInitContainerUser(pod: PodLike, user: ContainerLike | undefined, tproxy: boolean): void {
  const sc = user?.securityContext;
  if (!isRecord(sc) || (sc.runAsUser === undefined && sc.runAsGroup === undefined)) return;
  const init =
    byName(pod.spec.initContainers, INIT_CONTAINER) ?? byName(pod.spec.initContainers, VALIDATION_CONTAINER);
  if (init === undefined) return;
  if (tproxy && sc.runAsUser !== undefined) {
    // In TPROXY mode the proxy must run as root.
    const sidecar =
      byName(pod.spec.containers, PROXY_CONTAINER) ?? byName(pod.spec.initContainers, PROXY_CONTAINER);
    if (sidecar !== undefined && isRecord(sidecar.securityContext)) sidecar.securityContext.runAsUser = 0;
  }
  if (!tproxy && init.name === VALIDATION_CONTAINER) {
    init.securityContext = { ...(init.securityContext ?? {}) };
    if (sc.runAsUser !== undefined) init.securityContext.runAsUser = sc.runAsUser;
    if (sc.runAsGroup !== undefined) init.securityContext.runAsGroup = sc.runAsGroup;
  }
  if (typeof sc.runAsUser !== 'number' || sc.runAsUser === 0 || init.args === undefined) return;
  const i = init.args.indexOf('-u');
  if (i >= 0 && i + 1 < init.args.length) {
    init.args = [...init.args];
    init.args[i + 1] = String(sc.runAsUser);
  }
}
