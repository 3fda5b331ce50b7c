// VirtualService hosts and gateways: IST0101 (mesh host with no service, gateway not found), IST0132 (host not
// served by the gateway), IST0109 (two sidecar VirtualServices for one host).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

describe('IST0101 sidecar VirtualService host', () => {
  const vs = (host: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [${host}]
  http:
  - route:
    - destination: { host: reviews }
`;

  it('reports a host no service has, at the host', () => {
    expect(analyzeYaml(vs('nowhere'), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:5) Referenced host not found: "nowhere"',
    ]);
  });

  it('accepts a service host, and a wildcard that covers a service', () => {
    expect(analyzeYaml(vs('reviews'), 'IST0101')).toEqual([]);
    expect(analyzeYaml(vs("'*.default.svc.cluster.local'"), 'IST0101')).toEqual([]);
  });
});

const gatewayVs = (
  hosts: string,
  gateways = '[bookinfo-gateway]',
): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: bookinfo, namespace: default }
spec:
  hosts: ${hosts}
  gateways: ${gateways}
  http:
  - route:
    - destination: { host: reviews }
`;

const GATEWAY = `---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: default }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 8080, name: http, protocol: HTTP }
    hosts: [bookinfo.example.com, 'istio-system/admin.example.com']
`;

describe('IST0101 gateway not found', () => {
  it('reports a gateway that does not exist, at the gateway reference', () => {
    expect(analyzeYaml(gatewayVs('[bookinfo.example.com]'), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/bookinfo x.yaml:6) Referenced gateway not found: "bookinfo-gateway"',
    ]);
  });

  it('accepts an existing gateway (by name or namespace/name) and mesh', () => {
    expect(analyzeYaml(gatewayVs('[bookinfo.example.com]') + GATEWAY, 'IST0101')).toEqual([]);
    const qualified = gatewayVs('[bookinfo.example.com]', '[default/bookinfo-gateway, mesh]');
    expect(analyzeYaml(qualified.replace('bookinfo.example.com', 'reviews') + GATEWAY, 'IST0101')).toEqual(
      [],
    );
  });
});

describe('IST0132 host not found in gateway', () => {
  it('reports a VirtualService none of whose hosts the gateway serves', () => {
    expect(analyzeYaml(gatewayVs('[other.example.com]') + GATEWAY, 'IST0132')).toEqual([
      'Warning [IST0132] (VirtualService default/bookinfo x.yaml:6) one or more host [other.example.com] defined in VirtualService default/bookinfo not found in Gateway default/bookinfo-gateway.',
    ]);
  });

  it('honours the namespace of gateway hosts: ns/host serves only VirtualServices of ns', () => {
    expect(analyzeYaml(gatewayVs('[admin.example.com]') + GATEWAY, 'IST0132')).toHaveLength(1);
    const admin = gatewayVs('[admin.example.com]', '[default/bookinfo-gateway]').replace(
      'namespace: default',
      'namespace: istio-system',
    );
    expect(analyzeYaml(admin + GATEWAY, 'IST0132')).toEqual([]);
  });

  it('accepts a host the gateway serves, exactly or by wildcard', () => {
    expect(analyzeYaml(gatewayVs('[bookinfo.example.com]') + GATEWAY, 'IST0132')).toEqual([]);
    expect(analyzeYaml(gatewayVs("['*.example.com']") + GATEWAY, 'IST0132')).toEqual([]);
  });
});

describe('IST0109 conflicting sidecar VirtualServices', () => {
  const two = (secondHost: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-a, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews-b, namespace: default }
spec:
  hosts: [${secondHost}]
  http:
  - route:
    - destination: { host: reviews }
`;

  it('reports each VirtualService that defines the same host, at its name', () => {
    const text =
      'associated with mesh gateway define the same host reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.';
    expect(analyzeYaml(two('reviews.default.svc.cluster.local'), 'IST0109')).toEqual([
      `Error [IST0109] (VirtualService default/reviews-a x.yaml:3) The VirtualServices default/reviews-a,default/reviews-b ${text}`,
      `Error [IST0109] (VirtualService default/reviews-b x.yaml:12) The VirtualServices default/reviews-a,default/reviews-b ${text}`,
    ]);
  });

  it('accepts distinct hosts, and the same host on a gateway-only VirtualService', () => {
    expect(analyzeYaml(two('ratings'), 'IST0109')).toEqual([]);
    const gatewayOnly = two('reviews').replace(
      'hosts: [reviews]\n  http:\n  - route:\n    - destination: { host: reviews }\n---',
      'hosts: [reviews]\n  gateways: [istio-system/gw]\n  http:\n  - route:\n    - destination: { host: reviews }\n---',
    );
    expect(analyzeYaml(gatewayOnly, 'IST0109')).toEqual([]);
  });
});
