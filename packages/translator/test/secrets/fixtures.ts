// Inputs of the SDS tests: the TLS fixture files and inline Secrets, Gateways and DestinationRules that use them.
// server.crt / server.key (EC P-256, CN bookinfo.example.com) and ca.crt (another self-signed certificate) were
// made once with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 ...`
// (node:crypto makes keys but cannot sign a certificate) and are committed under fixtures/.
import { readFileSync } from 'node:fs';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

export const SERVER_CERT = fixture('server.crt');
export const SERVER_KEY = fixture('server.key');
export const CA_CERT = fixture('ca.crt');

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64');

/** A Secret in istio-system (the ingress gateway's namespace) with these keys, base64-encoded. */
export function secretYaml(
  name: string,
  data: Record<string, Buffer | string>,
  type?: string,
  namespace = 'istio-system',
): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: "${b64(v)}"`);
  return [
    'apiVersion: v1',
    'kind: Secret',
    `metadata: { name: ${name}, namespace: ${namespace} }`,
    ...(type === undefined ? [] : [`type: ${type}`]),
    'data:',
    ...lines,
    '',
  ].join('\n');
}

/** One HTTPS server of the test Gateway. */
export interface Server {
  readonly host: string;
  readonly mode: 'SIMPLE' | 'MUTUAL';
  readonly credentialName: string;
}

/** A Gateway (namespace default) with one port-443 HTTPS server per entry, and a VirtualService for them all. */
export function gatewayYaml(servers: readonly Server[]): string {
  const entries = servers.map(
    (s, i) => `  - port: { number: 443, name: https-${i}, protocol: HTTPS }
    hosts: [${s.host}]
    tls: { mode: ${s.mode}, credentialName: ${s.credentialName} }`,
  );
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: shop, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
${entries.join('\n')}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: shop, namespace: default }
spec:
  hosts: ["*.example.com"]
  gateways: [shop]
  http:
  - route: [{ destination: { host: productpage, port: { number: 9080 } } }]
`;
}

/** 1-based line of the first line of `text` containing `needle` (where the loader places a field). */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in text`);
  return i + 1;
}
