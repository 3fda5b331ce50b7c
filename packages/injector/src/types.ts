// The pod shapes the injector reads and writes. They are deliberately open (`[key: string]: unknown`): the
// kube-apiserver sends pods with every field of its version, and the injector must carry fields it does not
// know through untouched (a webhook that dropped or rejected them would break pods). The typed fields are the
// ones injection reads; their names and shapes follow Kubernetes' core/v1 (the model's podSchema types them
// strictly for authoring; see @minimesh/model).

export type StringMap = Record<string, string>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  controller?: boolean;
  [key: string]: unknown;
}

export interface ObjectMetaLike {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: StringMap;
  annotations?: StringMap;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

export interface EnvVarLike {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export interface ContainerPortLike {
  name?: string;
  hostPort?: number;
  containerPort: number;
  protocol?: string;
  hostIP?: string;
  [key: string]: unknown;
}

/** An HTTP GET action; `port` is int-or-string as in Kubernetes. */
export interface HttpGetLike {
  path?: string;
  port: number | string;
  host?: string;
  scheme?: string;
  httpHeaders?: { name: string; value: string }[];
  [key: string]: unknown;
}

export interface ProbeHandlerLike {
  httpGet?: HttpGetLike;
  tcpSocket?: { port: number | string; host?: string; [key: string]: unknown };
  grpc?: { port: number; service?: string; [key: string]: unknown };
  exec?: { command?: string[] };
  [key: string]: unknown;
}

export interface ProbeLike extends ProbeHandlerLike {
  timeoutSeconds?: number;
}

export interface SecurityContextLike {
  runAsUser?: number;
  runAsGroup?: number;
  [key: string]: unknown;
}

export interface ContainerLike {
  name: string;
  image?: string;
  args?: string[];
  env?: EnvVarLike[];
  ports?: ContainerPortLike[];
  readinessProbe?: ProbeLike;
  livenessProbe?: ProbeLike;
  startupProbe?: ProbeLike;
  lifecycle?: { preStop?: ProbeHandlerLike; postStart?: ProbeHandlerLike; [key: string]: unknown };
  securityContext?: SecurityContextLike;
  restartPolicy?: string;
  [key: string]: unknown;
}

export interface VolumeLike {
  name: string;
  [key: string]: unknown;
}

export interface PodSpecLike {
  containers: ContainerLike[];
  initContainers?: ContainerLike[];
  volumes?: VolumeLike[];
  imagePullSecrets?: { name?: string }[];
  hostNetwork?: boolean;
  serviceAccountName?: string;
  nodeName?: string;
  [key: string]: unknown;
}

export interface PodLike {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMetaLike;
  spec: PodSpecLike;
  [key: string]: unknown;
}

/** A JSON value as it crosses the wire (admission bodies, patches). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of JSON data (pods are JSON: no dates, functions or cycles). Hand-written because it runs several
 * times per admission request and is several times faster than structuredClone for small JSON trees.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.hasOwn(value, key)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  }
  return out as T;
}
