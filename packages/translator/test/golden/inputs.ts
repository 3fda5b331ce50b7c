// The golden corpus: every networking YAML of Istio's samples, each applied (as Istio's tasks apply them) on top
// of the bookinfo manifests and the sample's own manifests, with the proxies whose config_dump is recorded.
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkloadInput } from '@minimesh/model';
import { formatProxyId, type MeshProxy, parseProxy } from '../../src/proxy.js';
import { INGRESS_SERVICE, WORKLOADS } from '../route/fixtures.js';

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
});

/** istio-ingressgateway in istio-system, as Istio installs it (Service 80 -> 8080, 443 -> 8443). */
export const ingressGateway: MeshProxy = parseProxy({
  id: formatProxyId('router', '10.0.0.9', 'istio-ingressgateway-abc', 'istio-system'),
  labels: { istio: 'ingressgateway' },
});

/** The gateway Istio deploys for a Gateway API Gateway `name` (pods labelled with the gateway's name). */
export function gatewayApiGateway(name: string, namespace = 'default'): MeshProxy {
  return parseProxy({
    id: formatProxyId('router', '10.0.0.10', `${name}-istio-abc`, namespace),
    labels: {
      'gateway.networking.k8s.io/gateway-name': name,
      'gateway.networking.k8s.io/gateway-class-name': 'istio',
    },
  });
}

const GATEWAY_API_WORKLOAD: WorkloadInput = {
  name: 'bookinfo-gateway-istio-abc',
  namespace: 'default',
  address: '10.0.0.10',
  labels: { 'gateway.networking.k8s.io/gateway-name': 'bookinfo-gateway' },
};

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
      workloads: [...WORKLOADS, GATEWAY_API_WORKLOAD],
    });
  // httpbin and tcp-echo: their own manifests beside bookinfo (productpage's sidecar sees them too).
  const httpbin = `${SAMPLES}/httpbin`;
  const httpbinWorkload: WorkloadInput = {
    name: 'httpbin-abc',
    address: '10.0.0.20',
    labels: { app: 'httpbin', version: 'v1' },
  };
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
    workloads: [
      ...WORKLOADS,
      httpbinWorkload,
      {
        ...GATEWAY_API_WORKLOAD,
        name: 'httpbin-gateway-istio-abc',
        labels: { 'gateway.networking.k8s.io/gateway-name': 'httpbin-gateway' },
      },
    ],
  });
  const tcpEcho = `${SAMPLES}/tcp-echo`;
  const tcpWorkloads: WorkloadInput[] = [
    { name: 'tcp-echo-v1-abc', address: '10.0.0.30', labels: { app: 'tcp-echo', version: 'v1' } },
    { name: 'tcp-echo-v2-abc', address: '10.0.0.31', labels: { app: 'tcp-echo', version: 'v2' } },
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
      workloads: [
        ...WORKLOADS,
        ...tcpWorkloads,
        {
          ...GATEWAY_API_WORKLOAD,
          name: 'tcp-echo-gateway-istio-abc',
          labels: { 'gateway.networking.k8s.io/gateway-name': 'tcp-echo-gateway' },
        },
      ],
    });
  return out;
}
