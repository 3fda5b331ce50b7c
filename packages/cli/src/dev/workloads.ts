// The workload plan: from loaded resources, the local workload instances `mesh dev` runs and the offline commands
// (`mesh translate`, `mesh explain`) translate for. One instance per pod Kubernetes would create (Deployment
// replicas named `<deployment>-<hash>-<5>`, StatefulSet ordinals, ReplicaSet and DaemonSet pods, plain Pods), each
// with the pod template's labels, namespace, service account and container ports, the `minimesh.dev/*` run
// annotations, and a synthetic pod IP from 10.200.0.0/16; plus the gateway proxies: the manifests'
// istio-ingressgateway (or a built-in one, as Istio's default install has) and one per Gateway API Gateway of
// class `istio`, as istiod deploys them. Pure and deterministic: the same resources give the same plan.
import { type LoadedResource, loadManifests, type WorkloadInput } from '@minimesh/model';
import { formatProxyId } from '@minimesh/translator';
import { allocatePodIps, deploymentPodName, generatedPodName, podTemplateHash } from './pod-names.js';
import { parseRunAnnotations, type RunSpec, type WorkloadDiagnostic } from './run-annotations.js';

/** Where an instance comes from: its controller's kind, or `builtin` for the default ingress gateway. */
export type WorkloadOwnerKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'ReplicaSet'
  | 'DaemonSet'
  | 'Pod'
  | 'GatewayAPI'
  | 'builtin';

export interface ContainerPortInfo {
  readonly container: string;
  readonly port: number;
  readonly name?: string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** One local workload instance (one pod). */
export interface LocalWorkload {
  /** `sidecar` for an application pod, `router` for a gateway (the Envoy node type). */
  readonly proxyType: 'sidecar' | 'router';
  /** The pod name (`reviews-v1-7bd8d4f4f8-x2kqz`): the node id's pod, POD_NAME, `podname` in the apps' answers. */
  readonly podName: string;
  readonly namespace: string;
  /** The owning workload (Deployment name, `istio-ingressgateway`, `<gateway>-istio`), as istiod names it. */
  readonly workloadName: string;
  readonly ownerKind: WorkloadOwnerKind;
  /** 0-based replica index (StatefulSet ordinal). */
  readonly index: number;
  /** Synthetic pod IP in 10.200.0.0/16 (or the Pod's own status.podIP). */
  readonly address: string;
  readonly labels: Readonly<Record<string, string>>;
  /** serviceAccountName, `default` when unset. */
  readonly serviceAccount: string;
  /** Every container's ports, in container then port order. */
  readonly containerPorts: readonly ContainerPortInfo[];
  /** False when the pod opts out of injection (`sidecar.istio.io/inject: "false"`): no proxy runs beside it. */
  readonly sidecar: boolean;
  /** How it runs locally (`minimesh.dev/run`); absent: not started (gateways are proxies only). */
  readonly run?: RunSpec;
  /** The Envoy node id its proxy connects with: `sidecar~10.200.3.7~reviews-v1-...-x2kqz.default~default.svc.cluster.local`. */
  readonly proxyId: string;
  /** Where it is declared; absent for the built-in gateway. */
  readonly source?: { readonly file: string; readonly line: number };
  /** What buildRegistry's `workloads` gets for it; absent for a Pod with status.podIP (the registry has it already). */
  readonly input?: WorkloadInput;
}

export interface WorkloadPlan {
  /** Every instance, gateways included, sorted by namespace then pod name. */
  readonly instances: readonly LocalWorkload[];
  /** `buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads })`. */
  readonly workloads: readonly WorkloadInput[];
  /**
   * Resources the plan adds to the manifests: the built-in ingress gateway's Service (istio-ingressgateway in
   * istio-system, 80 -> 8080 and 443 -> 8443, as Istio's default install) when the gateway is built in and the
   * manifests have no such Service. Give them to buildRegistry with the manifests.
   */
  readonly resources: readonly LoadedResource[];
  /** The gateway instances (proxyType router): the ingress gateway first, then Gateway API gateways. */
  readonly gateways: readonly LocalWorkload[];
  /** Bad `minimesh.dev/*` annotations (errors) and doubtful ones (warnings). */
  readonly diagnostics: readonly WorkloadDiagnostic[];
}

export interface WorkloadPlanOptions {
  /** Cluster domain of node ids; `cluster.local` by default. */
  readonly domainSuffix?: string;
  /** Add the built-in ingress gateway when the manifests have none (default true). */
  readonly defaultIngressGateway?: boolean;
}

/** The built-in ingress gateway, as Istio's default profile installs it (charts/gateways/istio-ingress). */
export const DEFAULT_INGRESS_GATEWAY = Object.freeze({
  name: 'istio-ingressgateway',
  namespace: 'istio-system',
  labels: Object.freeze({ app: 'istio-ingressgateway', istio: 'ingressgateway' }),
  serviceAccount: 'istio-ingressgateway-service-account',
});

const INJECT_KEY = 'sidecar.istio.io/inject';
/** The kinds whose pod template makes instances. */
export const POD_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'DaemonSet',
  'Pod',
]);

interface PodTemplateLike {
  readonly metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: {
    serviceAccountName?: string;
    serviceAccount?: string;
    containers: readonly {
      name: string;
      ports?: readonly { containerPort: number; name?: string; protocol?: 'TCP' | 'UDP' | 'SCTP' }[];
    }[];
  };
}

type Draft = Omit<LocalWorkload, 'address' | 'proxyId' | 'input'> & { readonly fixedAddress?: string };

function isIngressGateway(r: LoadedResource, labels: Readonly<Record<string, string>>): boolean {
  return r.name === DEFAULT_INGRESS_GATEWAY.name || labels.istio === 'ingressgateway';
}

/** Istio's ingress gateway: the istio-ingressgateway workload, or pods labelled `istio: ingressgateway`. */
function isIngress(w: { workloadName: string; labels: Readonly<Record<string, string>> }): boolean {
  return w.workloadName === DEFAULT_INGRESS_GATEWAY.name || w.labels.istio === 'ingressgateway';
}

/** The pods of one controller (or the Pod itself). */
function draftsOf(r: LoadedResource, diagnostics: WorkloadDiagnostic[]): Draft[] {
  const obj = r.object as {
    spec: { replicas?: number; template?: PodTemplateLike } & PodTemplateLike['spec'];
    metadata: PodTemplateLike['metadata'];
    status?: { podIP?: string };
  };
  const isPod = r.kind === 'Pod';
  const template: PodTemplateLike = isPod ? { metadata: obj.metadata, spec: obj.spec } : obj.spec.template!;
  const templatePath = isPod ? [] : ['spec', 'template'];
  const labels = Object.freeze({ ...(template.metadata?.labels ?? {}) });
  const annotations = template.metadata?.annotations ?? {};
  const parsed = parseRunAnnotations(r, annotations, templatePath);
  diagnostics.push(...parsed.diagnostics);
  const namespace = r.namespace ?? 'default';
  const replicas = r.kind === 'DaemonSet' || isPod ? 1 : (obj.spec.replicas ?? 1);
  const containerPorts: ContainerPortInfo[] = [];
  for (const c of template.spec.containers)
    for (const p of c.ports ?? [])
      containerPorts.push({
        container: c.name,
        port: p.containerPort,
        ...(p.name === undefined ? {} : { name: p.name }),
        protocol: p.protocol ?? 'TCP',
      });
  const inject = labels[INJECT_KEY] ?? annotations[INJECT_KEY];
  // Istio's gateway injection template (`inject.istio.io/templates: gateway`) makes any Deployment a gateway proxy.
  const gateway =
    r.kind === 'Deployment' &&
    (isIngressGateway(r, labels) || annotations['inject.istio.io/templates'] === 'gateway');
  const out: Draft[] = [];
  for (let index = 0; index < replicas; index++) {
    const podName =
      r.kind === 'Deployment'
        ? deploymentPodName(namespace, r.name, index)
        : r.kind === 'StatefulSet'
          ? `${r.name}-${index}`
          : isPod
            ? r.name
            : generatedPodName(namespace, r.name, index);
    out.push({
      proxyType: gateway ? 'router' : 'sidecar',
      podName,
      namespace,
      workloadName: r.name,
      ownerKind: r.kind as WorkloadOwnerKind,
      index,
      labels:
        r.kind === 'Deployment'
          ? Object.freeze({ ...labels, 'pod-template-hash': podTemplateHash(namespace, r.name) })
          : labels,
      serviceAccount: template.spec.serviceAccountName ?? template.spec.serviceAccount ?? 'default',
      containerPorts,
      sidecar: inject !== 'false',
      ...(parsed.run === undefined ? {} : { run: parsed.run }),
      source: { file: r.source.file, line: r.source.line },
      ...(isPod && obj.status?.podIP ? { fixedAddress: obj.status.podIP } : {}),
    });
  }
  return out;
}

/** A gateway pod istiod or the install would create (no manifest of its own). */
function gatewayDraft(
  name: string,
  namespace: string,
  labels: Readonly<Record<string, string>>,
  serviceAccount: string,
  ownerKind: WorkloadOwnerKind,
  source?: { file: string; line: number },
  listenerPorts: readonly number[] = [],
): Draft {
  return {
    proxyType: 'router',
    podName: deploymentPodName(namespace, name, 0),
    namespace,
    workloadName: name,
    ownerKind,
    index: 0,
    labels: Object.freeze({ ...labels, 'pod-template-hash': podTemplateHash(namespace, name) }),
    serviceAccount,
    containerPorts: [...new Set(listenerPorts)].map((port) => ({
      container: 'istio-proxy',
      port,
      protocol: 'TCP',
    })),
    sidecar: true,
    ...(source === undefined ? {} : { source }),
  };
}

/** The ingress gateway when the manifests run none: selected by an istio-ingressgateway Service if there is one. */
function defaultIngress(resources: readonly LoadedResource[]): Draft {
  const svc = resources.find((r) => r.kind === 'Service' && r.name === DEFAULT_INGRESS_GATEWAY.name);
  const selector = (svc?.object as { spec?: { selector?: Record<string, string> } } | undefined)?.spec
    ?.selector;
  const labels =
    selector === undefined
      ? DEFAULT_INGRESS_GATEWAY.labels
      : { ...DEFAULT_INGRESS_GATEWAY.labels, ...selector };
  return gatewayDraft(
    DEFAULT_INGRESS_GATEWAY.name,
    svc?.namespace ?? DEFAULT_INGRESS_GATEWAY.namespace,
    labels,
    DEFAULT_INGRESS_GATEWAY.serviceAccount,
    'builtin',
  );
}

/** File name the built-in resources are reported under. */
export const BUILTIN_FILE = '<builtin:istio-ingressgateway>';

/** The Service Istio's default install puts in front of its ingress gateway (charts/gateways/istio-ingress). */
const DEFAULT_INGRESS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-system
  labels: { app: istio-ingressgateway, istio: ingressgateway }
spec:
  type: LoadBalancer
  selector: { app: istio-ingressgateway, istio: ingressgateway }
  ports:
    - { name: status-port, port: 15021, targetPort: 15021, protocol: TCP }
    - { name: http2, port: 80, targetPort: 8080, protocol: TCP }
    - { name: https, port: 443, targetPort: 8443, protocol: TCP }
`;

/** The built-in gateway's Service, loaded once (frozen by the registries it goes into; never modified). */
let defaultIngressService: readonly LoadedResource[] | undefined;
function builtinIngressService(): readonly LoadedResource[] {
  defaultIngressService ??= Object.freeze(
    loadManifests(DEFAULT_INGRESS_SERVICE, { file: BUILTIN_FILE }).resources,
  );
  return defaultIngressService;
}

/** The Deployment istiod creates for a Gateway API Gateway of class istio (kube-gateway.yaml): `<name>-istio`. */
function gatewayApiDrafts(resources: readonly LoadedResource[]): Draft[] {
  return resources
    .filter((r) => r.kind === 'Gateway' && r.group === 'gateway.networking.k8s.io' && r.known)
    .filter((r) => (r.object as { spec: { gatewayClassName: string } }).spec.gatewayClassName === 'istio')
    .map((r) =>
      gatewayDraft(
        `${r.name}-istio`,
        r.namespace ?? 'default',
        {
          'gateway.networking.k8s.io/gateway-name': r.name,
          'gateway.networking.k8s.io/gateway-class-name': 'istio',
          'service.istio.io/canonical-name': `${r.name}-istio`,
          'service.istio.io/canonical-revision': 'latest',
        },
        `${r.name}-istio`,
        'GatewayAPI',
        { file: r.source.file, line: r.source.line },
        // Its listeners' ports, as the pod istiod deploys listens on them (the address plan maps each locally).
        (r.object as { spec: { listeners?: { port: number }[] } }).spec.listeners?.map((l) => l.port) ?? [],
      ),
    );
}

/** Plans the local instances of `resources` (see the file comment). Never throws for input; see `diagnostics`. */
export function planWorkloads(
  resources: readonly LoadedResource[],
  options: WorkloadPlanOptions = {},
): WorkloadPlan {
  const diagnostics: WorkloadDiagnostic[] = [];
  const drafts: Draft[] = [];
  for (const r of resources)
    if (r.known && POD_KINDS.has(r.kind) && r.group !== 'batch') drafts.push(...draftsOf(r, diagnostics));
  const hasIngress = drafts.some((d) => d.proxyType === 'router' && isIngress(d));
  const builtin = !hasIngress && options.defaultIngressGateway !== false;
  if (builtin) drafts.push(defaultIngress(resources));
  const hasIngressService = resources.some(
    (r) => r.kind === 'Service' && r.name === DEFAULT_INGRESS_GATEWAY.name,
  );
  drafts.push(...gatewayApiDrafts(resources));
  // Two drafts with one pod name (a Pod named like a Deployment's pod) would be one pod: the first is kept.
  const byKey = new Map<string, Draft>();
  for (const d of drafts)
    if (!byKey.has(`${d.namespace}/${d.podName}`)) byKey.set(`${d.namespace}/${d.podName}`, d);
  const fixed = new Set([...byKey.values()].flatMap((d) => (d.fixedAddress ? [d.fixedAddress] : [])));
  const ips = allocatePodIps(
    [...byKey].filter(([, d]) => d.fixedAddress === undefined).map(([k]) => k),
    fixed,
  );
  const instances: LocalWorkload[] = [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, d]) => {
      const { fixedAddress, ...rest } = d;
      const address = fixedAddress ?? ips.get(key) ?? '';
      const input: WorkloadInput = {
        name: d.podName,
        namespace: d.namespace,
        address,
        labels: d.labels,
        serviceAccount: d.serviceAccount,
        ports: Object.fromEntries(d.containerPorts.flatMap((p) => (p.name ? [[p.name, p.port]] : []))),
        workloadName: d.workloadName,
      };
      return Object.freeze({
        ...rest,
        address,
        proxyId: formatProxyId(d.proxyType, address, d.podName, d.namespace, options.domainSuffix),
        ...(fixedAddress === undefined ? { input } : {}),
      });
    });
  // The ingress gateway first, then other gateway Deployments, then Gateway API gateways (stable within each).
  const rank = (i: LocalWorkload) => (isIngress(i) ? 0 : i.ownerKind === 'GatewayAPI' ? 2 : 1);
  const gateways = instances.filter((i) => i.proxyType === 'router').sort((a, b) => rank(a) - rank(b));
  return {
    instances,
    workloads: instances.flatMap((i) => (i.input === undefined ? [] : [i.input])),
    gateways,
    diagnostics,
    resources: builtin && !hasIngressService ? builtinIngressService() : [],
  };
}
