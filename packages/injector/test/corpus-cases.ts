// The settings of Istio's TestInjection cases (pkg/kube/inject/inject_test.go) expressed as minimesh options:
// `values.global.*` flags become SidecarValues, mesh edits become MeshConfigLike, IstioOperator files with
// templates become template functions. Every other `X.yaml` with an `X.yaml.injected` runs with defaults.
import { type InjectManifestsOptions, openShiftProxyIds, type TemplateFn } from '../src/index.js';
import type { Invariants } from './corpus-helpers.js';

export interface CorpusCase {
  in: string;
  want: string;
  options: InjectManifestsOptions;
}

const fieldRef = (fieldPath: string) => ({ fieldRef: { fieldPath } });

/** custom-template.iop.yaml's `custom` template, as a function. */
const customTemplate: TemplateFn = (input) => ({
  metadata: {
    annotations: {
      'prometheus.istio.io/merge-metrics': 'false',
      'sidecar.istio.io/rewriteAppHTTPProbers': 'false',
      foo: 'bar',
    },
  },
  spec: {
    containers: input.pod.spec.containers.map((c) => ({
      name: c.name,
      env: [
        { name: 'SOME_ENV', value: 'true' },
        { name: 'SOME_FILE', value: '/var/lib/data/foo.json' },
      ],
      volumeMounts: [
        { mountPath: '/var/lib/data/foo.json', subPath: 'foo.json', name: 'some-injected-file' },
      ],
    })),
    volumes: [
      {
        name: 'some-injected-file',
        downwardAPI: { items: [{ path: 'foo.json', ...fieldRef("metadata.annotations['foo']") }] },
      },
    ],
  },
});

/** spire-template.iop.yaml's `spire` template. */
const spireTemplate: TemplateFn = () => ({
  spec: {
    containers: [
      {
        name: 'istio-proxy',
        volumeMounts: [
          { name: 'workload-socket', mountPath: '/var/run/secrets/workload-spiffe-uds', readOnly: true },
        ],
      },
    ],
    volumes: [{ name: 'workload-socket', csi: { driver: 'csi.spiffe.io', readOnly: true } }],
  },
});

const notNative = { values: { nativeSidecars: false } };
const statusParams = {
  values: {
    statusPort: 123,
    readinessInitialDelaySeconds: 100,
    readinessPeriodSeconds: 200,
    readinessFailureThreshold: 300,
  },
};
const cni = { values: { cni: { enabled: true, provider: 'default' as const } } };
const multus = { values: { cni: { enabled: true, provider: 'multus' as const } } };
const hold = { values: { holdApplicationUntilProxyStarts: true } };
const tproxy = { meshConfig: { defaultConfig: { interceptionMode: 'TPROXY' as const } } };
// hello-openshift*: namespace test-ns has openshift.io/sa.scc.uid-range 1000620000/10000 (see openShiftProxyIds).
const openshift = {
  values: {
    cni: { enabled: true, provider: 'default' as const },
    platform: 'openshift' as const,
    ...openShiftProxyIds({ 'openshift.io/sa.scc.uid-range': '1000620000/10000' }),
  },
};

export const EXPLICIT_CASES: readonly CorpusCase[] = [
  {
    in: 'hello.yaml',
    want: 'hello.yaml.cni.injected',
    options: { values: { cni: { enabled: true, provider: 'default' }, network: 'network1' } },
  },
  {
    in: 'hello.yaml',
    want: 'hello.yaml.proxyImageName.injected',
    options: { values: { proxyImage: 'proxyTest' } },
  },
  {
    in: 'hello.yaml',
    want: 'hello.yaml.proxyInitImageName.injected',
    options: { values: { proxyInitImage: 'proxyInitTest' } },
  },
  { in: 'hello.yaml', want: 'hello-tproxy.yaml.injected', options: tproxy },
  {
    in: 'hello.yaml',
    want: 'hello-always.yaml.injected',
    options: { values: { imagePullPolicy: 'Always' } },
  },
  { in: 'hello.yaml', want: 'hello-never.yaml.injected', options: { values: { imagePullPolicy: 'Never' } } },
  { in: 'hello.yaml', want: 'hello-old-version.yaml.injected', options: notNative },
  {
    in: 'traffic-params.yaml',
    want: 'traffic-params.yaml.injected',
    options: {
      values: {
        includeIPRanges: '127.0.0.1/24,10.96.0.1/24',
        excludeIPRanges: '10.96.0.2/24,10.96.0.3/24',
        excludeInboundPorts: '4,5,6',
        statusPort: 0,
      },
    },
  },
  { in: 'status_params.yaml', want: 'status_params.yaml.injected', options: statusParams },
  { in: 'kubevirtInterfaces.yaml', want: 'kubevirtInterfaces.yaml.injected', options: statusParams },
  {
    in: 'reroute-virtual-interfaces.yaml',
    want: 'reroute-virtual-interfaces.yaml.injected',
    options: statusParams,
  },
  {
    in: 'hello.yaml',
    want: 'hello-image-secrets-in-values.yaml.injected',
    options: { values: { imagePullSecrets: ['barSecret'] } },
  },
  {
    in: 'hello-image-pull-secret.yaml',
    want: 'hello-multiple-image-secrets.yaml.injected',
    options: { values: { imagePullSecrets: ['barSecret'] } },
  },
  // podDNSSearchNamespaces in values is only read by templates that use it; the sidecar template does not.
  { in: 'hello.yaml', want: 'hello-template-in-values.yaml.injected', options: {} },
  {
    in: 'hello.yaml',
    want: 'hello-mount-mtls-certs.yaml.injected',
    options: { values: { mountMtlsCerts: true } },
  },
  { in: 'hello.yaml', want: 'hello-cncf-networks.yaml.injected', options: multus },
  {
    in: 'hello-existing-cncf-networks.yaml',
    want: 'hello-existing-cncf-networks.yaml.injected',
    options: multus,
  },
  {
    in: 'hello-existing-cncf-networks-json.yaml',
    want: 'hello-existing-cncf-networks-json.yaml.injected',
    options: multus,
  },
  { in: 'hello.yaml', want: 'hello.proxyHoldsApplication.yaml.injected', options: hold },
  { in: 'hello-probes.yaml', want: 'hello-probes.proxyHoldsApplication.yaml.injected', options: hold },
  {
    in: 'hello-probes-noProxyHoldApplication-ProxyConfig.yaml',
    want: 'hello-probes-noProxyHoldApplication-ProxyConfig.yaml.injected',
    options: hold,
  },
  { in: 'cronjob.yaml', want: 'cronjob-old-version.yaml.injected', options: notNative },
  { in: 'daemonset.yaml', want: 'daemonset-old-version.yaml.injected', options: notNative },
  { in: 'job.yaml', want: 'job-old-version.yaml.injected', options: notNative },
  { in: 'pod.yaml', want: 'pod-old-version.yaml.injected', options: notNative },
  { in: 'replicaset.yaml', want: 'replicaset-old-version.yaml.injected', options: notNative },
  { in: 'statefulset.yaml', want: 'statefulset-old-version.yaml.injected', options: notNative },
  {
    in: 'traffic-annotations.yaml',
    want: 'traffic-annotations.yaml.injected',
    options: {
      meshConfig: {
        defaultConfig: {
          proxyMetadata: { ISTIO_META_TLS_CLIENT_KEY: '/etc/identity/client/keys/client-key.pem' },
        },
      },
    },
  },
  { in: 'proxy-override-runas.yaml', want: 'proxy-override-runas.yaml.cni.injected', options: cni },
  { in: 'proxy-override-runas.yaml', want: 'proxy-override-runas.yaml.tproxy.injected', options: tproxy },
  { in: 'proxy-override-args.yaml', want: 'proxy-override-args-native.yaml.injected', options: {} },
  { in: 'native-sidecar.yaml', want: 'native-sidecar-old-version.yaml.injected', options: notNative },
  { in: 'native-sidecar-opt-in.yaml', want: 'native-sidecar-opt-in.yaml.injected', options: notNative },
  { in: 'native-sidecar-opt-out.yaml', want: 'native-sidecar-opt-out.yaml.injected', options: notNative },
  {
    in: 'custom-template.yaml',
    want: 'custom-template.yaml.injected',
    options: { templates: { custom: customTemplate } },
  },
  { in: 'merge-probers.yaml', want: 'merge-probers.yaml.injected', options: hold },
  { in: 'hello-openshift.yaml', want: 'hello-openshift.yaml.injected', options: openshift },
  {
    in: 'hello-openshift-custom-injection.yaml',
    want: 'hello-openshift-custom-injection.yaml.injected',
    options: openshift,
  },
  { in: 'hello-openshift-tproxy.yaml', want: 'hello-openshift-tproxy.yaml.injected', options: openshift },
  {
    in: 'hello-probes-localhost.yaml',
    want: 'hello-probes-localhost.yaml.injected',
    options: { meshConfig: { inboundTrafficPolicy: { mode: 'LOCALHOST' } } },
  },
  {
    in: 'proxy-resources-null.yaml',
    want: 'proxy-resources-null.yaml.injected',
    options: {
      values: {
        resources: { limits: { cpu: null, memory: '500Mi' }, requests: { cpu: null, memory: '150Mi' } },
      },
    },
  },
  {
    in: 'proxy-resources-null-no-init.yaml',
    want: 'proxy-resources-null-no-init.yaml.injected',
    options: {
      values: {
        resources: { limits: { cpu: null, memory: '500Mi' }, requests: { cpu: null, memory: '150Mi' } },
      },
    },
  },
  {
    in: 'proxy-resources-zero.yaml',
    want: 'proxy-resources-zero.yaml.injected',
    options: {
      values: {
        resources: { limits: { cpu: '0', memory: '500Mi' }, requests: { cpu: '0', memory: '150Mi' } },
      },
    },
  },
  {
    in: 'proxy-resources-memory-null.yaml',
    want: 'proxy-resources-memory-null.yaml.injected',
    options: {
      values: {
        resources: { limits: { cpu: '100m', memory: null }, requests: { cpu: '50m', memory: null } },
      },
    },
  },
  {
    in: 'proxy-resources-mixed-null.yaml',
    want: 'proxy-resources-mixed-null.yaml.injected',
    options: {
      values: {
        resources: {
          limits: { cpu: null, memory: '500Mi', 'ephemeral-storage': null },
          requests: { cpu: '100m', memory: null, 'ephemeral-storage': '1Gi' },
        },
      },
    },
  },
  {
    in: 'sidecar-spire.yaml',
    want: 'sidecar-spire.yaml.injected',
    options: { templates: { spire: spireTemplate } },
  },
  {
    in: 'gateway-spire.yaml',
    want: 'gateway-spire.yaml.injected',
    options: { templates: { spire: spireTemplate } },
  },
  {
    in: 'hello.yaml',
    want: 'hello-fips-140-3.yaml.injected',
    options: { values: { compliancePolicy: 'fips-140-3' } },
  },
  {
    in: 'hello-otel-semconv.yaml',
    want: 'hello-otel-semconv.yaml.injected',
    options: {
      meshConfig: {
        extensionProviders: [
          {
            name: 'otel',
            opentelemetry: {
              service: 'otel-collector.observability.svc.cluster.local',
              port: 4317,
              serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS',
            },
          },
        ],
      },
    },
  },
];

/** Istio cases whose injection fails, with the word Istio's test expects in the error. */
export const ERROR_CASES: readonly { in: string; error: string }[] = [
  { in: 'traffic-annotations-bad-includeipranges.yaml', error: 'includeipranges' },
  { in: 'traffic-annotations-bad-excludeipranges.yaml', error: 'excludeipranges' },
  { in: 'traffic-annotations-bad-includeinboundports.yaml', error: 'includeinboundports' },
  { in: 'traffic-annotations-bad-excludeinboundports.yaml', error: 'excludeinboundports' },
  { in: 'traffic-annotations-bad-excludeoutboundports.yaml', error: 'excludeoutboundports' },
];

/** Outputs not compared, each with the reason; the test checks this list stays exact. */
export const NOT_COMPARED: Readonly<Record<string, string>> = {};

/**
 * Outputs where minimesh differs from Istio on purpose: the reason, and the change to Istio's invariants that
 * gives minimesh's (the rest is compared as is).
 */
export const DEVIATIONS: Readonly<Record<string, { reason: string; apply: (inv: Invariants) => void }>> = {
  'merge-probers.yaml.injected': {
    reason:
      'the input was injected before with istio-proxy in containers; Istio takes that old proxy for a user override ' +
      'and keeps its stale ISTIO_META_APP_CONTAINERS and ISTIO_META_POD_PORTS (without the new container), ' +
      'minimesh renders them afresh (see overrides.ts)',
    apply: (inv) => {
      inv.proxyEnvValues.ISTIO_META_APP_CONTAINERS = 'hello,world,new';
      inv.proxyEnvValues.ISTIO_META_POD_PORTS = [
        '[',
        '    {"name":"http","containerPort":80}',
        '    ,{"name":"http","containerPort":90}',
        '    ,{"name":"http","containerPort":8008}',
        ']',
      ].join('\n');
    },
  },
};
