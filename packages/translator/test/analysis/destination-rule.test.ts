// DestinationRules: IST0174 (unknown host), IST0173 (subset selects no endpoint), IST0128/IST0129 (TLS origination
// without caCertificates).
import { describe, expect, it } from 'vitest';
import { analyzeYaml } from './helpers.js';

const rule = (host: string, rest: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: default }
spec:
  host: ${host}
${rest}`;

describe('IST0174 unknown DestinationRule host', () => {
  it('reports a host that is no service, at the host', () => {
    expect(analyzeYaml(rule('nowhere', ''), 'IST0174')).toEqual([
      'Warning [IST0174] (DestinationRule default/reviews x.yaml:5) The host nowhere defined in the DestinationRule does not match any services in the mesh.',
    ]);
  });

  it('accepts a service host (short or FQDN) and a wildcard that covers services', () => {
    expect(analyzeYaml(rule('reviews', ''), 'IST0174')).toEqual([]);
    expect(analyzeYaml(rule('reviews.default.svc.cluster.local', ''), 'IST0174')).toEqual([]);
    expect(analyzeYaml(rule("'*.svc.cluster.local'", ''), 'IST0174')).toEqual([]);
  });
});

describe('IST0173 subset selects no pods', () => {
  const subsets = (second: string): string => `  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: ${second}, labels: { version: ${second} } }
`;

  it('reports a subset whose labels select no endpoint of the service, at its name', () => {
    expect(analyzeYaml(rule('reviews', subsets('v3')), 'IST0173')).toEqual([
      'Error [IST0173] (DestinationRule default/reviews x.yaml:8) The Subset v3 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
    ]);
  });

  it("matches the service's endpoints, not other services' pods", () => {
    // ratings has only a v1 workload; reviews-v2 carries version: v2 but is no endpoint of ratings.
    expect(analyzeYaml(rule('ratings', subsets('v2')), 'IST0173')).toHaveLength(1);
  });

  it('accepts subsets that select endpoints', () => {
    expect(analyzeYaml(rule('reviews', subsets('v2')), 'IST0173')).toEqual([]);
  });
});

describe('IST0128 / IST0129 TLS without caCertificates', () => {
  it('reports SIMPLE TLS without caCertificates, at the mode', () => {
    const text = rule('reviews', '  trafficPolicy:\n    tls: { mode: SIMPLE }\n');
    expect(analyzeYaml(text, 'IST0128')).toEqual([
      'Warning [IST0128] (DestinationRule default/reviews x.yaml:7) DestinationRule default/reviews in namespace default has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: reviews',
    ]);
  });

  it('accepts caCertificates, insecureSkipVerify and ISTIO_MUTUAL', () => {
    const ca = rule('reviews', '  trafficPolicy:\n    tls: { mode: SIMPLE, caCertificates: /etc/ca.pem }\n');
    const skip = rule('reviews', '  trafficPolicy:\n    tls: { mode: SIMPLE, insecureSkipVerify: true }\n');
    const istio = rule('reviews', '  trafficPolicy:\n    tls: { mode: ISTIO_MUTUAL }\n');
    for (const t of [ca, skip, istio]) expect(analyzeYaml(t, 'IST0128')).toEqual([]);
  });

  const portLevel = (tls: string): string =>
    rule(
      'reviews',
      `  trafficPolicy:
    portLevelSettings:
    - port: { number: 9080 }
      tls: { mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem${tls} }
`,
    );

  it('reports port-level MUTUAL TLS without caCertificates', () => {
    expect(analyzeYaml(portLevel(''), 'IST0129')).toEqual([
      'Warning [IST0129] (DestinationRule default/reviews x.yaml:9) DestinationRule default/reviews in namespace default has TLS mode set to MUTUAL but no caCertificates are set to validate server identity for host: reviews at port 9080',
    ]);
  });

  it('accepts port-level TLS with caCertificates', () => {
    expect(analyzeYaml(portLevel(', caCertificates: /ca.pem'), 'IST0129')).toEqual([]);
  });
});
