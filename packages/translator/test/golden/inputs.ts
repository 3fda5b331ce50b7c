// The golden corpus: every networking YAML of Istio's samples, each applied (as Istio's tasks apply them) on top
// of the bookinfo manifests and the sample's own manifests, with the proxies whose config_dump is recorded.
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkloadInput } from '@minimesh/model';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import { INGRESS_SERVICE } from '../route/fixtures.js';

// Relative to the package directory (vitest's cwd) so recorded file names are the same on every machine.
const SAMPLES = relative(
  process.cwd(),
  fileURLToPath(new URL('../../../../../shared/istio-samples/samples', import.meta.url)),
);
const BOOKINFO = `${SAMPLES}/bookinfo/platform/kube/bookinfo.yaml`;
const BOOKINFO_VERSIONS = `${SAMPLES}/bookinfo/platform/kube/bookinfo-versions.yaml`;

/** One golden case: the files loaded (in order), inline documents, and a stable id for the golden's file name. */
export interface GoldenInput {
  /** `bookinfo/networking/virtual-service-reviews-v3` and the like: the sample file without `.yaml`. */
  readonly id: string;
  readonly files: readonly string[];
  readonly inline: readonly string[];
  /** The gateway whose config is recorded beside productpage's sidecar. */
  readonly gateway: MeshProxy;
  readonly workloads: readonly WorkloadInput[];
}

export const productpageSidecar: MeshProxy = parseProxy({
  id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default'),
  labels: { app: 'productpage', version: 'v1' },
  serviceAccount: 'bookinfo-productpage',
});

/** The pod labels Istio's ingress gateway chart (manifests/charts/gateways/istio-ingress) gives the gateway. */
const INGRESS_GATEWAY_LABELS = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
/** The ServiceAccount that chart runs the gateway as. */
const INGRESS_GATEWAY_SA = 'istio-ingressgateway-service-account';

/** istio-ingressgateway in istio-system, as Istio installs it (Service 80 -> 8080, 443 -> 8443). */
export const ingressGateway: MeshProxy = parseProxy({
  id: formatProxyId('router', '10.0.0.9', 'istio-ingressgateway-abc', 'istio-system'),
  labels: INGRESS_GATEWAY_LABELS,
  serviceAccount: INGRESS_GATEWAY_SA,
});

/** A pod `<deployment>-abc` of a Deployment, in `default` unless given. */
const deploymentPod = (
  deployment: string,
  address: string,
  labels: Record<string, string>,
  serviceAccount: string,
  namespace = 'default',
): WorkloadInput => ({
  name: `${deployment}-abc`,
  workloadName: deployment,
  namespace,
  address,
  labels,
  serviceAccount,
});

/**
 * bookinfo's pods as bookinfo.yaml deploys them (each Deployment's pod labels and serviceAccountName), and the
 * ingress gateway's pod; endpoint metadata names each after its Deployment, as istiod does.
 */
const WORKLOADS: readonly WorkloadInput[] = [
  deploymentPod('productpage-v1', '10.0.0.1', { app: 'productpage', version: 'v1' }, 'bookinfo-productpage'),
  deploymentPod('details-v1', '10.0.0.2', { app: 'details', version: 'v1' }, 'bookinfo-details'),
  deploymentPod('reviews-v1', '10.0.0.3', { app: 'reviews', version: 'v1' }, 'bookinfo-reviews'),
  deploymentPod('reviews-v2', '10.0.0.4', { app: 'reviews', version: 'v2' }, 'bookinfo-reviews'),
  deploymentPod('reviews-v3', '10.0.0.5', { app: 'reviews', version: 'v3' }, 'bookinfo-reviews'),
  deploymentPod('ratings-v1', '10.0.0.6', { app: 'ratings', version: 'v1' }, 'bookinfo-ratings'),
  deploymentPod(
    'istio-ingressgateway',
    '10.0.0.9',
    INGRESS_GATEWAY_LABELS,
    INGRESS_GATEWAY_SA,
    'istio-system',
  ),
];

/** The gateway Istio deploys for a Gateway API Gateway `name` (pods labelled with the gateway's name). */
export function gatewayApiGateway(name: string, namespace = 'default'): MeshProxy {
  return parseProxy({
    id: formatProxyId('router', '10.0.0.10', `${name}-istio-abc`, namespace),
    labels: {
      'gateway.networking.k8s.io/gateway-name': name,
      'gateway.networking.k8s.io/gateway-class-name': 'istio',
    },
    serviceAccount: `${name}-istio`,
  });
}

/**
 * The pod istiod deploys for Gateway API Gateway `name` (istio-discovery files/kube-gateway.yaml): Deployment and
 * ServiceAccount `<name>-istio`, canonical name `<name>-istio`, the gateway-name label.
 */
function gatewayApiWorkload(name: string): WorkloadInput {
  return deploymentPod(
    `${name}-istio`,
    '10.0.0.10',
    {
      'gateway.networking.k8s.io/gateway-name': name,
      'service.istio.io/canonical-name': `${name}-istio`,
      'service.istio.io/canonical-revision': 'latest',
    },
    `${name}-istio`,
  );
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

const unique = (files: readonly string[]): string[] => [...new Set(files)];

/** Every networking file of the samples, with the base each is applied on. */
export function goldenInputs(): GoldenInput[] {
  const out: GoldenInput[] = [];
  const networking = `${SAMPLES}/bookinfo/networking`;
  const gatewayApi = `${SAMPLES}/bookinfo/gateway-api`;
  // Istio's bookinfo tasks apply the ingress Gateway and the default destination rules (the subsets v1, v2, v3)
  // first, then the file of the task; a DestinationRule file replaces the default rules (same names).
  for (const f of yamlFiles(networking))
    out.push({
      id: `bookinfo/networking/${f.slice(0, -5)}`,
      files: unique([
        BOOKINFO,
        `${networking}/bookinfo-gateway.yaml`,
        ...(f.startsWith('destination-rule-') ? [] : [`${networking}/destination-rule-all.yaml`]),
        `${networking}/${f}`,
      ]),
      inline: [INGRESS_SERVICE],
      gateway: ingressGateway,
      workloads: WORKLOADS,
    });
  // The Gateway API tasks: bookinfo-versions.yaml (per-version Services the routes point at), then the Gateway.
  for (const f of yamlFiles(gatewayApi))
    out.push({
      id: `bookinfo/gateway-api/${f.slice(0, -5)}`,
      files: unique([
        BOOKINFO,
        BOOKINFO_VERSIONS,
        `${gatewayApi}/bookinfo-gateway.yaml`,
        `${gatewayApi}/${f}`,
      ]),
      inline: [],
      gateway: gatewayApiGateway('bookinfo-gateway'),
      workloads: [...WORKLOADS, gatewayApiWorkload('bookinfo-gateway')],
    });
  // httpbin and tcp-echo: their own manifests beside bookinfo (productpage's sidecar sees them too).
  const httpbin = `${SAMPLES}/httpbin`;
  // httpbin.yaml: Deployment httpbin, serviceAccountName httpbin.
  const httpbinWorkload = deploymentPod('httpbin', '10.0.0.20', { app: 'httpbin', version: 'v1' }, 'httpbin');
  out.push({
    id: 'httpbin/httpbin-gateway',
    files: [BOOKINFO, `${httpbin}/httpbin.yaml`, `${httpbin}/httpbin-gateway.yaml`],
    inline: [INGRESS_SERVICE],
    gateway: ingressGateway,
    workloads: [...WORKLOADS, httpbinWorkload],
  });
  out.push({
    id: 'httpbin/gateway-api/httpbin-gateway',
    files: [BOOKINFO, `${httpbin}/httpbin.yaml`, `${httpbin}/gateway-api/httpbin-gateway.yaml`],
    inline: [],
    gateway: gatewayApiGateway('httpbin-gateway'),
    workloads: [...WORKLOADS, httpbinWorkload, gatewayApiWorkload('httpbin-gateway')],
  });
  const tcpEcho = `${SAMPLES}/tcp-echo`;
  // tcp-echo-services.yaml: Deployments tcp-echo-v1 / -v2, no serviceAccountName (the namespace's `default`).
  const tcpWorkloads: WorkloadInput[] = [
    deploymentPod('tcp-echo-v1', '10.0.0.30', { app: 'tcp-echo', version: 'v1' }, 'default'),
    deploymentPod('tcp-echo-v2', '10.0.0.31', { app: 'tcp-echo', version: 'v2' }, 'default'),
  ];
  for (const f of yamlFiles(tcpEcho).filter((x) => x !== 'tcp-echo-services.yaml'))
    out.push({
      id: `tcp-echo/${f.slice(0, -5)}`,
      // The task applies tcp-echo-all-v1.yaml (Gateway, DestinationRule, VirtualService) before shifting 20% to v2.
      files: unique([
        BOOKINFO,
        `${tcpEcho}/tcp-echo-services.yaml`,
        `${tcpEcho}/tcp-echo-all-v1.yaml`,
        `${tcpEcho}/${f}`,
      ]),
      inline: [INGRESS_SERVICE],
      gateway: ingressGateway,
      workloads: [...WORKLOADS, ...tcpWorkloads],
    });
  for (const f of yamlFiles(`${tcpEcho}/gateway-api`))
    out.push({
      id: `tcp-echo/gateway-api/${f.slice(0, -5)}`,
      files: unique([
        BOOKINFO,
        `${tcpEcho}/tcp-echo-services.yaml`,
        `${tcpEcho}/gateway-api/tcp-echo-all-v1.yaml`,
        `${tcpEcho}/gateway-api/${f}`,
      ]),
      inline: [],
      gateway: gatewayApiGateway('tcp-echo-gateway'),
      workloads: [...WORKLOADS, ...tcpWorkloads, gatewayApiWorkload('tcp-echo-gateway')],
    });
  return out;
}
