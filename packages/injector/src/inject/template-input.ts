// The data the injection template reads, computed once per pod (Istio's SidecarTemplateData).
import type { ContainerLike, PodLike, StringMap } from '../types.js';
import { A, annotationOr } from './annotations.js';
import type { InterceptionMode, MeshConfigLike, ProxyConfigLike, SidecarValues } from './config.js';
import { DEFAULT_INBOUND_CAPTURE_PORT, DEFAULT_OUTBOUND_CAPTURE_PORT, PROXY_CONTAINER } from './config.js';

export interface TypeMeta {
  apiVersion: string;
  kind: string;
}

/** The workload that owns the pod (Deployment, Job, ...), as Istio's DeploymentMeta. */
export interface DeployMeta {
  name: string;
  namespace: string;
}

export interface TemplateInput {
  /** The pod with any earlier injection stripped; the template reads it, never writes it. */
  pod: PodLike;
  annotations: StringMap;
  labels: StringMap;
  typeMeta: TypeMeta;
  deployMeta: DeployMeta;
  mesh: MeshConfigLike;
  /** Mesh defaultConfig with the pod's `proxy.istio.io/config` applied. */
  proxyConfig: ProxyConfigLike;
  values: SidecarValues;
  /** The injector's revision, "" for the default one. */
  revision: string;
}

/** Derived switches of the template, named as in Istio's injection-template.yaml. */
export interface TemplateSwitches {
  interceptionMode: string;
  tproxy: boolean;
  capNetBindService: boolean;
  nativeSidecar: boolean;
  holdProxy: boolean;
  noInitContainer: boolean;
  /** The status port as the template sees it (annotation, else values): "0" disables the probes. */
  statusPort: string;
  /** Names of the application containers (every container but istio-proxy), in pod order. */
  appContainers: string[];
  outboundCapturePort: number;
  inboundCapturePort: number;
}

export function templateSwitches(input: TemplateInput): TemplateSwitches {
  const { annotations, values, proxyConfig, pod } = input;
  const interceptionMode = annotationOr(
    annotations,
    A.interceptionMode,
    proxyConfig.interceptionMode ?? 'REDIRECT',
  );
  const tproxy = interceptionMode === 'TPROXY';
  const capNetBindService =
    annotationOr(annotations, A.capNetBindService, String(values.capNetBindService)) === 'true';
  const nativeAnno = annotations[A.nativeSidecar];
  const nativeSidecar =
    (nativeAnno === undefined || nativeAnno === '' ? String(values.nativeSidecars) : nativeAnno) !== 'false';
  const holdProxy =
    (proxyConfig.holdApplicationUntilProxyStarts === true || values.holdApplicationUntilProxyStarts) &&
    !nativeSidecar;
  const noInitContainer = interceptionMode === 'NONE' && !nativeSidecar;
  const statusPort = annotationOr(annotations, A.statusPort, String(values.statusPort));
  const appContainers = pod.spec.containers.filter((c) => c.name !== PROXY_CONTAINER).map((c) => c.name);
  return {
    interceptionMode,
    tproxy,
    capNetBindService,
    nativeSidecar,
    holdProxy,
    noInitContainer,
    statusPort,
    appContainers,
    outboundCapturePort: input.mesh.proxyListenPort || DEFAULT_OUTBOUND_CAPTURE_PORT,
    inboundCapturePort: input.mesh.proxyInboundListenPort || DEFAULT_INBOUND_CAPTURE_PORT,
  };
}

/** hub/name:tag, or `name` itself when it is already a full reference (contains "/"). */
export function imageUrl(values: SidecarValues, name: string): string {
  return name.includes('/') ? name : `${values.hub}/${name}:${values.tag}`;
}

/** The proxy image: the proxyImage annotation when it is a full reference, else the flavour's image. */
export function proxyImage(input: TemplateInput): string {
  const anno = annotationOr(input.annotations, A.proxyImage, input.values.proxyImage);
  if (anno.includes('/')) return anno;
  if (input.values.flavor === 'minimesh') return input.values.minimeshImage;
  return imageUrl(input.values, input.values.proxyImage);
}

export function proxyInitImage(input: TemplateInput): string {
  const anno = annotationOr(input.annotations, A.proxyImage, input.values.proxyInitImage);
  if (anno.includes('/')) return anno;
  return imageUrl(input.values, input.values.proxyInitImage);
}

/**
 * Istio's `excludeInboundPort`: adds the status port to the excluded inbound ports unless it is "0" or
 * already listed; blanks in the list are dropped.
 */
export function excludeInboundPort(port: string, excluded: string): string {
  const portStr = port.trim();
  if (portStr === '' || portStr === '0') return excluded;
  const out: string[] = [];
  for (const p of excluded.split(',')) {
    if (p === portStr) return excluded;
    if (p.trim() !== '') out.push(p.trim());
  }
  out.push(portStr);
  return out.join(',');
}

/** The proxy's resources: the proxyCPU/Memory(/Limit) annotations when any is set, else the values'. */
export function proxyResources(input: TemplateInput): Record<string, unknown> {
  const a = input.annotations;
  const has = (k: string) => Object.hasOwn(a, k);
  if (has(A.proxyCPU) || has(A.proxyMemory) || has(A.proxyCPULimit) || has(A.proxyMemoryLimit)) {
    const out: Record<string, Record<string, string>> = {};
    if (has(A.proxyCPU) || has(A.proxyMemory)) {
      out.requests = {};
      if (has(A.proxyCPU)) out.requests.cpu = a[A.proxyCPU] ?? '';
      if (has(A.proxyMemory)) out.requests.memory = a[A.proxyMemory] ?? '';
    }
    if (has(A.proxyCPULimit) || has(A.proxyMemoryLimit)) {
      out.limits = {};
      if (has(A.proxyCPULimit)) out.limits.cpu = a[A.proxyCPULimit] ?? '';
      if (has(A.proxyMemoryLimit)) out.limits.memory = a[A.proxyMemoryLimit] ?? '';
    }
    return out;
  }
  const r = input.values.resources;
  if (r === undefined) return {};
  const out: Record<string, unknown> = {};
  const omitNil = (l: Record<string, string | null>) =>
    Object.fromEntries(
      Object.entries(l).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined),
    );
  if (r.requests !== undefined) out.requests = omitNil(r.requests);
  if (r.limits !== undefined) out.limits = omitNil(r.limits);
  return out;
}

export function interceptionModeOf(value: string): InterceptionMode {
  return value === 'TPROXY' || value === 'NONE' ? value : 'REDIRECT';
}

export function findContainer(
  list: readonly ContainerLike[] | undefined,
  name: string,
): ContainerLike | undefined {
  return list?.find((c) => c.name === name);
}
