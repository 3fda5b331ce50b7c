// Local mode: the process `mesh dev` starts beside a workload, derived from the very template the webhook uses.
// The workload becomes a pod, the pod is injected, and the injected proxy container is read back: its args,
// its environment with the downward-API fields resolved to local values, its ports, the node id the proxy
// announces to xDS (`sidecar~IP~pod.ns~ns.svc.cluster.local`), its node metadata and its workload identity.
// Because every sidecar shares one host in dev, each can be given a port offset.

import { resolveValues } from './inject/config.js';
import type { InjectOptions } from './inject/inject.js';
import { inject } from './inject/inject.js';
import type { ContainerLike, PodLike, StringMap } from './types.js';

export interface LocalWorkload {
  /** Pod name (dev has one pod per workload). */
  name: string;
  namespace?: string;
  serviceAccount?: string;
  /** The address the workload and its sidecar use (default 127.0.0.1). */
  ip?: string;
  labels?: StringMap;
  annotations?: StringMap;
  /** The application's ports (what ISTIO_META_POD_PORTS and inbound listeners are built from). */
  ports?: { containerPort: number; name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
  /** The owning workload, for ISTIO_META_OWNER / WORKLOAD_NAME (default: a Deployment named like the pod). */
  owner?: { kind: string; apiVersion: string; name: string };
}

export interface LocalSidecarOptions extends Omit<InjectOptions, 'namespace' | 'namespaceLabels' | 'owner'> {
  /** Added to every proxy port so sidecars on one host do not collide (default 0). */
  portOffset?: number;
  /** The xDS server the proxy connects to (host:port), passed as PILOT_ADDRESS / XDS_ADDRESS. */
  xdsAddress?: string;
}

export interface SidecarPorts {
  /** Outbound capture listener (iptables -p, default 15001). */
  outbound: number;
  /** Inbound capture listener (iptables -z, default 15006). */
  inbound: number;
  /** Agent status port: app probes and merged metrics (15020). */
  status: number;
  /** Envoy health / readiness (15021). */
  health: number;
  /** Envoy Prometheus stats (15090). */
  prometheus: number;
  /** Envoy admin (15000). */
  admin: number;
}

export interface SidecarProcessSpec {
  nodeId: string;
  image: string;
  args: string[];
  /** Every variable the container would get, with fieldRefs resolved; resourceFieldRefs (limits) are left out. */
  env: StringMap;
  ports: SidecarPorts;
  /** ISTIO_META_* variables without the prefix: the node metadata the proxy sends to xDS. */
  metadata: StringMap;
  identity: { trustDomain: string; namespace: string; serviceAccount: string; spiffeId: string };
  /** Readiness endpoint of the sidecar, as the injected readinessProbe names it. */
  readiness: { path: string; port: number } | undefined;
}

function proxyOf(pod: PodLike): ContainerLike | undefined {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === 'istio-proxy');
}

function argAfter(args: readonly string[] | undefined, flag: string): number | undefined {
  const i = args?.indexOf(flag) ?? -1;
  const v = i >= 0 ? args?.[i + 1] : undefined;
  return v === undefined ? undefined : Number(v);
}

/** The sidecar process spec for one local workload. Pure: same input, same spec. */
export function localSidecar(workload: LocalWorkload, options: LocalSidecarOptions = {}): SidecarProcessSpec {
  const namespace = workload.namespace ?? 'default';
  const sa = workload.serviceAccount ?? 'default';
  const ip = workload.ip ?? '127.0.0.1';
  const values = resolveValues(options.values);
  const owner = workload.owner ?? { kind: 'Deployment', apiVersion: 'apps/v1', name: workload.name };
  const pod: PodLike = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: workload.name,
      namespace,
      labels: { ...workload.labels },
      annotations: { ...workload.annotations },
    },
    spec: {
      serviceAccountName: sa,
      containers: [{ name: workload.name, ...(workload.ports ? { ports: workload.ports } : {}) }],
    },
  };
  // Dev has no iptables: the capture ports named in the init container's arguments are where the proxy listens.
  const result = inject(pod, {
    ...options,
    namespace,
    owner: {
      typeMeta: { apiVersion: owner.apiVersion, kind: owner.kind },
      deployMeta: { name: owner.name, namespace },
    },
  });
  const proxy = proxyOf(result.pod);
  if (proxy === undefined) {
    throw new Error(
      `workload ${namespace}/${workload.name} gets no sidecar: ${result.report.skip?.message ?? 'no proxy in the template'}`,
    );
  }
  const init = result.pod.spec.initContainers?.find(
    (c) => c.name === 'istio-init' || c.name === 'istio-validation',
  );
  const offset = options.portOffset ?? 0;
  const statusPort = options.meshConfig?.defaultConfig?.statusPort ?? 15020;
  const ports: SidecarPorts = {
    outbound: (argAfter(init?.args, '-p') ?? 15001) + offset,
    inbound: (argAfter(init?.args, '-z') ?? 15006) + offset,
    status: statusPort + offset,
    health: 15021 + offset,
    prometheus: 15090 + offset,
    admin: 15000 + offset,
  };
  const fields: StringMap = {
    'metadata.name': workload.name,
    'metadata.namespace': namespace,
    'status.podIP': ip,
    'status.hostIP': ip,
    'spec.serviceAccountName': sa,
    'spec.nodeName': 'localhost',
  };
  const env: StringMap = {};
  for (const e of proxy.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    const path = (e.valueFrom?.fieldRef as { fieldPath?: string } | undefined)?.fieldPath;
    if (path !== undefined && fields[path] !== undefined) env[e.name] = fields[path];
  }
  if (options.xdsAddress !== undefined) env.XDS_ADDRESS = options.xdsAddress;
  env.ISTIO_META_LOCAL_PORT_OFFSET = String(offset);
  const metadata: StringMap = {};
  for (const k of Object.keys(env).sort())
    if (k.startsWith('ISTIO_META_')) metadata[k.slice('ISTIO_META_'.length)] = env[k] ?? '';
  const trustDomain = env.TRUST_DOMAIN ?? values.trustDomain;
  const readiness = proxy.readinessProbe?.httpGet;
  return {
    nodeId: `sidecar~${ip}~${workload.name}.${namespace}~${namespace}.svc.${values.clusterDomain}`,
    image: proxy.image ?? '',
    args: (proxy.args ?? []).map((a) => a.replace('$(POD_NAMESPACE)', namespace)),
    env,
    ports,
    metadata,
    identity: {
      trustDomain,
      namespace,
      serviceAccount: sa,
      spiffeId: `spiffe://${trustDomain}/ns/${namespace}/sa/${sa}`,
    },
    readiness:
      readiness === undefined
        ? undefined
        : { path: readiness.path ?? '/', port: Number(readiness.port) + offset },
  };
}
