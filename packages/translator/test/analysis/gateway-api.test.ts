// Gateway API conversion problems as analysis messages (MM_GWAPI_*), at the route's file and line.
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const gatewayAndRoute = (
  backend: string,
  backendNamespace = 'default',
): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: istio
  listeners:
  - { name: http, port: 80, protocol: HTTP }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: route, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  rules:
  - backendRefs:
    - { name: ${backend}, namespace: ${backendNamespace}, port: 9080 }
`;

describe('gatewayapi.Conversion', () => {
  it('reports a backendRef to a Service that does not exist, at the backendRef', () => {
    const messages = analyzeYaml(gatewayAndRoute('nothing')).filter((m) => m.includes('MM_GWAPI'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^Error \[MM_GWAPI_BACKEND_NOT_FOUND\] \(HTTPRoute default\/route x\.yaml:16\) .*nothing/,
    );
  });

  it('reports a cross-namespace backendRef without a ReferenceGrant', () => {
    const messages = analyzeYaml(gatewayAndRoute('reviews', 'other')).filter((m) => m.includes('MM_GWAPI'));
    expect(messages.some((m) => m.includes('[MM_GWAPI_REF_NOT_PERMITTED]'))).toBe(true);
  });

  it('says nothing when every reference resolves', () => {
    expect(analyzeYaml(gatewayAndRoute('reviews')).filter((m) => m.includes('MM_GWAPI'))).toEqual([]);
  });
});
