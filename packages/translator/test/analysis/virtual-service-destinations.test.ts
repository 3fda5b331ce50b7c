// VirtualService destinations: IST0101 (host, mirror host, host:port, host+subset), IST0112 (port required).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const vs = (destination: string, extra = ''): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: ${destination}
${extra}`;

const RULE = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: reviews
  subsets:
  - { name: v1, labels: { version: v1 } }
`;

describe('IST0101 destination host', () => {
  it('reports a destination host that is no service, at the host field', () => {
    expect(analyzeYaml(vs('{ host: reviewz }'), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:8) Referenced host not found: "reviewz"',
    ]);
  });

  it('accepts a destination host that is a service (short name or FQDN)', () => {
    expect(analyzeYaml(vs('{ host: reviews }'), 'IST0101')).toEqual([]);
    expect(analyzeYaml(vs('{ host: reviews.default.svc.cluster.local }'), 'IST0101')).toEqual([]);
  });

  it('reports a mirror host that is no service', () => {
    expect(analyzeYaml(vs('{ host: reviews }', '    mirror: { host: shadow }\n'), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:9) Referenced mirror host not found: "shadow"',
    ]);
    expect(analyzeYaml(vs('{ host: reviews }', '    mirror: { host: ratings }\n'), 'IST0101')).toEqual([]);
  });

  it('reports a destination port the service does not expose', () => {
    expect(analyzeYaml(vs('{ host: reviews, port: { number: 9999 } }'), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:8) Referenced host:port not found: "reviews:9999"',
    ]);
    expect(analyzeYaml(vs('{ host: reviews, port: { number: 9080 } }'), 'IST0101')).toEqual([]);
  });

  it('finds hosts of ServiceEntries, wildcard ones included', () => {
    const entry = `---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext, namespace: default }
spec:
  hosts: ['*.example.com']
  location: MESH_EXTERNAL
  resolution: DYNAMIC_DNS
  ports: [{ number: 443, name: tls, protocol: TLS }]
`;
    expect(analyzeYaml(vs('{ host: api.example.com }', entry), 'IST0101')).toEqual([]);
    expect(analyzeYaml(vs('{ host: api.example.org }', entry), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:8) Referenced host not found: "api.example.org"',
    ]);
  });
});

describe('IST0101 destination subset', () => {
  it('reports a subset no DestinationRule defines, at the subset field', () => {
    expect(analyzeYaml(vs('{ host: reviews, subset: v3 }', RULE), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:8) Referenced host+subset in destinationrule not found: "reviews+v3"',
    ]);
  });

  it('reports a subset when there is no DestinationRule at all', () => {
    expect(analyzeYaml(vs('{ host: reviews, subset: v1 }'), 'IST0101')).toEqual([
      'Error [IST0101] (VirtualService default/reviews x.yaml:8) Referenced host+subset in destinationrule not found: "reviews+v1"',
    ]);
  });

  it('accepts a subset the DestinationRule of the host defines (short name or FQDN)', () => {
    expect(analyzeYaml(vs('{ host: reviews, subset: v1 }', RULE), 'IST0101')).toEqual([]);
    expect(
      analyzeYaml(vs('{ host: reviews.default.svc.cluster.local, subset: v1 }', RULE), 'IST0101'),
    ).toEqual([]);
  });
});

describe('IST0112 destination port selector', () => {
  it('reports a destination without port to a service with several ports', () => {
    expect(analyzeYaml(vs('{ host: ratings }'), 'IST0112')).toEqual([
      'Error [IST0112] (VirtualService default/reviews x.yaml:8) This VirtualService routes to a service "ratings" that exposes multiple ports [9080 9090]. Specifying a port in the destination is required to disambiguate.',
    ]);
  });

  it('accepts a port, or a service with one port', () => {
    expect(analyzeYaml(vs('{ host: ratings, port: { number: 9080 } }'), 'IST0112')).toEqual([]);
    expect(analyzeYaml(vs('{ host: reviews }'), 'IST0112')).toEqual([]);
  });
});
