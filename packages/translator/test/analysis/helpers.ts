// Test helpers: analyze small inline manifests (`x.yaml`) on top of a few base services (`base.yaml`) and
// workloads, and return the formatted messages, as istioctl analyze prints them.
import { buildRegistry, type LoadedResource, loadManifests, type WorkloadInput } from '@minimesh/model';
import { analyze } from '../../src/analysis/analyze.js';
import { formatMessage } from '../../src/messages.js';

/** reviews (one port), ratings (two ports), and the ingress gateway Service (80 -> 8080). */
export const BASE = `apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: default }
spec:
  selector: { app: reviews }
  ports:
  - { name: http, port: 9080 }
---
apiVersion: v1
kind: Service
metadata: { name: ratings, namespace: default }
spec:
  selector: { app: ratings }
  ports:
  - { name: http, port: 9080 }
  - { name: grpc-admin, port: 9090 }
---
apiVersion: v1
kind: Service
metadata: { name: istio-ingressgateway, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  ports:
  - { name: http2, port: 80, targetPort: 8080 }
`;

export const BASE_WORKLOADS: WorkloadInput[] = [
  { name: 'reviews-v1-abc', address: '10.0.0.3', labels: { app: 'reviews', version: 'v1' } },
  { name: 'reviews-v2-abc', address: '10.0.0.4', labels: { app: 'reviews', version: 'v2' } },
  { name: 'ratings-v1-abc', address: '10.0.0.6', labels: { app: 'ratings', version: 'v1' } },
  {
    name: 'istio-ingressgateway-abc',
    namespace: 'istio-system',
    address: '10.0.0.9',
    labels: { istio: 'ingressgateway' },
  },
];

function loadText(text: string, file: string): LoadedResource[] {
  const r = loadManifests(text, { file });
  if (r.errors.length > 0) throw new Error(`${file}: ${JSON.stringify(r.errors)}`);
  return r.resources;
}

/** The formatted messages for `x.yaml` over the base; only those of `code` when given. */
export function analyzeYaml(
  text: string,
  code?: string,
  workloads: readonly WorkloadInput[] = BASE_WORKLOADS,
): string[] {
  const resources = [...loadText(BASE, 'base.yaml'), ...loadText(text, 'x.yaml')];
  const registry = buildRegistry(resources, { workloads });
  return analyze(registry)
    .filter((m) => code === undefined || m.code === code)
    .map(formatMessage);
}
