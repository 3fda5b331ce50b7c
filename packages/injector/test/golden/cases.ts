// Golden cases: input pods (each a situation injection must handle) and the options they run with. The
// expected output of each is test/golden/expected/<name>.yaml, reviewed by hand; UPDATE_GOLDENS=1 rewrites them.
import type { InjectOptions, PodLike } from '../../src/index.js';

export interface GoldenCase {
  name: string;
  /** What the case checks, in a sentence. */
  about: string;
  pod: PodLike;
  options?: InjectOptions;
}

const app = (name = 'app', port?: number) => ({
  name,
  image: `example.com/${name}:1.0`,
  ...(port === undefined ? {} : { ports: [{ name: 'http', containerPort: port }] }),
});

function pod(
  spec: Partial<PodLike['spec']> & { containers?: PodLike['spec']['containers'] },
  meta: PodLike['metadata'] = {},
): PodLike {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', ...meta },
    spec: { containers: [app('web', 8080)], ...spec },
  };
}

const probe = (handler: Record<string, unknown>) => ({ ...handler, periodSeconds: 10, timeoutSeconds: 2 });

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'plain-pod',
    about: 'one container with a port gets istio-init and a native istio-proxy',
    pod: pod({}),
  },
  {
    name: 'no-ports',
    about: 'a container without ports: ISTIO_META_POD_PORTS is an empty list',
    pod: pod({ containers: [app('worker')] }),
  },
  {
    name: 'two-containers',
    about: 'ports of both containers, the first container is the default one',
    pod: pod({
      containers: [
        app('web', 8080),
        { ...app('sidecar-logger'), ports: [{ containerPort: 9000, protocol: 'TCP' }] },
      ],
    }),
  },
  {
    name: 'existing-init-native',
    about: "the user's init container runs after istio-init and istio-proxy (so it is in the mesh)",
    pod: pod({
      initContainers: [{ name: 'migrate', image: 'example.com/migrate:1', command: ['./migrate'] }],
    }),
  },
  {
    name: 'existing-init-classic',
    about:
      'without native sidecars istio-init goes last among init containers and istio-proxy last among containers',
    pod: pod({ initContainers: [{ name: 'migrate', image: 'example.com/migrate:1' }] }),
    options: { values: { nativeSidecars: false } },
  },
  {
    name: 'http-probes',
    about:
      'readiness and liveness on a named port go through the agent; the named port is resolved in the probers',
    pod: pod({
      containers: [
        {
          ...app('web', 8080),
          readinessProbe: probe({ httpGet: { path: '/ready', port: 'http' } }),
          livenessProbe: probe({ httpGet: { path: '/live', port: 8080 } }),
        },
      ],
    }),
  },
  {
    name: 'tcp-probe',
    about: 'a TCP probe becomes an HTTP GET on the agent',
    pod: pod({ containers: [{ ...app('db', 5432), readinessProbe: probe({ tcpSocket: { port: 5432 } }) }] }),
  },
  {
    name: 'grpc-probe',
    about: 'a gRPC probe becomes an HTTP GET on the agent, the original travels in the probers',
    pod: pod({ containers: [{ ...app('api', 9090), livenessProbe: probe({ grpc: { port: 9090 } }) }] }),
  },
  {
    name: 'exec-probe',
    about: 'an exec probe is left alone and no probers are added',
    pod: pod({
      containers: [{ ...app('web', 8080), readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } } }],
    }),
  },
  {
    name: 'https-probe',
    about: 'an HTTPS probe is sent as HTTP to the agent, which keeps the HTTPS scheme for the app',
    pod: pod({
      containers: [
        { ...app('web', 8443), startupProbe: probe({ httpGet: { port: 8443, scheme: 'HTTPS', path: '/' } }) },
      ],
    }),
  },
  {
    name: 'lifecycle-hooks',
    about: 'HTTP preStop and TCP postStart hooks go through the agent as /app-lifecycle paths',
    pod: pod({
      containers: [
        {
          ...app('web', 8080),
          lifecycle: {
            preStop: { httpGet: { port: 8080, path: '/drain' } },
            postStart: { tcpSocket: { port: 8080 } },
          },
        },
      ],
    }),
  },
  {
    name: 'probe-rewrite-off',
    about: 'sidecar.istio.io/rewriteAppHTTPProbers=false leaves probes pointing at the app',
    pod: pod(
      { containers: [{ ...app('web', 8080), readinessProbe: probe({ httpGet: { port: 8080 } }) }] },
      { name: 'web', namespace: 'shop', annotations: { 'sidecar.istio.io/rewriteAppHTTPProbers': 'false' } },
    ),
  },
  { name: 'host-network', about: 'hostNetwork pods are skipped', pod: pod({ hostNetwork: true }) },
  {
    name: 'opt-out-label',
    about: 'the sidecar.istio.io/inject=false label skips',
    pod: pod({}, { name: 'web', namespace: 'shop', labels: { 'sidecar.istio.io/inject': 'false' } }),
  },
  {
    name: 'opt-out-annotation',
    about: 'the annotation skips too, unless a label says otherwise',
    pod: pod({}, { name: 'web', namespace: 'shop', annotations: { 'sidecar.istio.io/inject': 'false' } }),
  },
  {
    name: 'kube-system',
    about: 'system namespaces are skipped',
    pod: pod({}, { name: 'coredns', namespace: 'kube-system' }),
  },
  {
    name: 'traffic-annotations',
    about: 'traffic.sidecar.istio.io annotations become iptables arguments',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: {
          'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8,172.16.0.0/12',
          'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.96.0.1/32',
          'traffic.sidecar.istio.io/includeInboundPorts': '8080',
          'traffic.sidecar.istio.io/excludeInboundPorts': '9901',
          'traffic.sidecar.istio.io/excludeOutboundPorts': '5432,6379',
          'traffic.sidecar.istio.io/includeOutboundPorts': '443',
          'traffic.sidecar.istio.io/excludeInterfaces': 'eth1',
        },
      },
    ),
  },
  {
    name: 'tproxy',
    about: 'TPROXY interception: -m TPROXY, and the proxy runs as root with NET_ADMIN',
    pod: pod(
      {},
      { name: 'web', namespace: 'shop', annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' } },
    ),
  },
  {
    name: 'interception-none',
    about: 'interception NONE: no istio-init, the proxy alone',
    pod: pod(
      {},
      { name: 'web', namespace: 'shop', annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' } },
    ),
  },
  {
    name: 'proxy-resources',
    about:
      'proxyCPU/proxyMemory(/Limit) annotations replace the default resources of both injected containers',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: {
          'sidecar.istio.io/proxyCPU': '50m',
          'sidecar.istio.io/proxyMemory': '64Mi',
          'sidecar.istio.io/proxyMemoryLimit': '256Mi',
        },
      },
    ),
  },
  {
    name: 'proxy-image',
    about: 'a full image reference in sidecar.istio.io/proxyImage is used for both injected containers',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: { 'sidecar.istio.io/proxyImage': 'registry.example.com/proxyv2:custom' },
      },
    ),
  },
  {
    name: 'hold-classic',
    about:
      'proxy.istio.io/config holdApplicationUntilProxyStarts without native sidecars: proxy first, postStart wait',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true' },
      },
    ),
    options: { values: { nativeSidecars: false } },
  },
  {
    name: 'hold-native',
    about:
      'with native sidecars holdApplicationUntilProxyStarts needs no hook: init order already holds the app',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: { 'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}' },
      },
    ),
  },
  {
    name: 'proxy-config-metadata',
    about: 'proxyMetadata in proxy.istio.io/config becomes environment of both injected containers',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: { 'proxy.istio.io/config': 'proxyMetadata:\n  ISTIO_META_DNS_CAPTURE: "true"\n' },
      },
    ),
  },
  {
    name: 'status-port',
    about: 'a custom status port is excluded from capture and used by probes and the drain hook',
    pod: pod(
      { containers: [{ ...app('web', 8080), readinessProbe: probe({ httpGet: { port: 8080 } }) }] },
      { name: 'web', namespace: 'shop', annotations: { 'status.sidecar.istio.io/port': '15999' } },
    ),
  },
  {
    name: 'prometheus-scrape',
    about:
      "the app's prometheus.io annotations move into ISTIO_PROMETHEUS_ANNOTATIONS and point at the agent",
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: {
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': '9100',
          'prometheus.io/path': '/m',
        },
      },
    ),
  },
  {
    name: 'prometheus-merge-off',
    about: 'prometheus.istio.io/merge-metrics=false keeps the app annotations as they are',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: { 'prometheus.istio.io/merge-metrics': 'false', 'prometheus.io/port': '9100' },
      },
    ),
  },
  {
    name: 'proxy-override',
    about:
      "a user istio-proxy container (image auto) overrides the injected one's resources and is remembered",
    pod: pod({
      containers: [
        app('web', 8080),
        { name: 'istio-proxy', image: 'auto', resources: { limits: { memory: '2Gi' } } },
      ],
    }),
  },
  {
    name: 'replicaset-pod',
    about:
      'a pod from a ReplicaSet: generateName, namespace from the request, owner resolved to the Deployment',
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'cart-7c9d8f-',
        labels: { app: 'cart', version: 'v2', 'pod-template-hash': '7c9d8f' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'cart-7c9d8f', controller: true },
        ],
      },
      spec: { serviceAccountName: 'cart', containers: [app('cart', 7000)] },
    },
    options: { namespace: 'shop' },
  },
  {
    name: 'cronjob-pod',
    about: "a pod of a CronJob's Job: the owner is the CronJob",
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'report-29012345-',
        namespace: 'batch',
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'report-29012345', controller: true }],
      },
      spec: { restartPolicy: 'Never', containers: [app('report')] },
    },
  },
  {
    name: 'minimesh-proxy',
    about: 'the minimesh proxy flavour changes the proxy image, nothing else',
    pod: pod({}),
    options: { values: { flavor: 'minimesh' } },
  },
  {
    name: 'gateway',
    about: "inject.istio.io/templates=gateway turns the pod's istio-proxy into a router",
    pod: pod(
      { containers: [{ name: 'istio-proxy', image: 'auto' }] },
      {
        name: 'ingress',
        namespace: 'istio-ingress',
        labels: { istio: 'ingressgateway' },
        annotations: { 'inject.istio.io/templates': 'gateway' },
      },
    ),
  },
  {
    name: 'canary-revision',
    about: 'a namespace labelled istio.io/rev=canary is injected by the canary injector, naming its istiod',
    pod: pod({}),
    options: { revision: 'canary', namespaceLabels: { 'istio.io/rev': 'canary' } },
  },
  {
    name: 'namespace-disabled',
    about: 'a namespace with istio-injection=disabled is skipped even when the pod opts in',
    pod: pod({}, { name: 'web', namespace: 'shop', labels: { 'sidecar.istio.io/inject': 'true' } }),
    options: { namespaceLabels: { 'istio-injection': 'disabled' } },
  },
  {
    name: 'user-volumes',
    about: 'userVolume and userVolumeMount annotations add a volume and mount it in the proxy',
    pod: pod(
      {},
      {
        name: 'web',
        namespace: 'shop',
        annotations: {
          'sidecar.istio.io/userVolume': '{"lua-filters":{"configMap":{"name":"lua"}}}',
          'sidecar.istio.io/userVolumeMount': '{"lua-filters":{"mountPath":"/etc/lua","readOnly":true}}',
        },
      },
    ),
  },
  {
    name: 'cni',
    about: 'with Istio CNI the init container only validates, and capture settings become annotations',
    pod: pod({}),
    options: { values: { cni: { enabled: true, provider: 'default' }, imagePullSecrets: ['regcred'] } },
  },
];
