import { describe, expect, it } from 'vitest';
import { sidecarKind, sidecarSchema } from '../../../src/schema/istio/index.js';
import { fullSidecar } from './fixtures.js';
import { expectIssues, expectValid, invalidValue, missingField, resource, unknownField } from './helpers.js';

const sidecar = (spec: unknown) => resource('Sidecar', spec);
const HOST_FORMS = '"namespace/dnsName" ("istio-system/*", "*/reviews.default.svc.cluster.local")';

describe('Sidecar', () => {
  it('accepts every field of the API', () => {
    expectValid(sidecarSchema, sidecar(fullSidecar));
    expectValid(sidecarSchema, sidecar({ egress: [{ hosts: ['./*', 'istio-system/*'] }] }));
    expect(sidecarKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha3']);
  });

  it('reports unknown fields and requires some configuration', () => {
    expectIssues(sidecarSchema, sidecar({ workloadSelector: { labels: { app: 'a' } }, egres: [] }), [
      unknownField(['spec', 'egres'], 'egress'),
      invalidValue(['spec'], 'expected ingress, egress, outboundTrafficPolicy or inboundConnectionPool'),
    ]);
    expectIssues(sidecarSchema, sidecar({ ingress: [{ defaultEndpoint: '127.0.0.1:8080' }] }), [
      missingField(
        ['spec', 'ingress', 0, 'port'],
        'required field is missing: expected an object (a map of fields)',
      ),
    ]);
  });

  it('checks egress hosts as namespace/dnsName', () => {
    expectIssues(
      sidecarSchema,
      sidecar({
        egress: [
          { hosts: ['reviews.default.svc.cluster.local', 'prod/reviews', 'prod/foo*.com', 'Bad_NS/*'] },
        ],
      }),
      [
        invalidValue(
          ['spec', 'egress', 0, 'hosts', 0],
          `expected a host ${HOST_FORMS}: it is not of the form namespace/dnsName, got "reviews.default.svc.cluster.local"`,
        ),
        invalidValue(
          ['spec', 'egress', 0, 'hosts', 1],
          `expected a host ${HOST_FORMS}: short names (without a dot) are not allowed, got "prod/reviews"`,
        ),
        invalidValue(
          ['spec', 'egress', 0, 'hosts', 2],
          `expected a host ${HOST_FORMS}: label "foo*" is not a DNS-1123 label or wildcard, got "prod/foo*.com"`,
        ),
        invalidValue(
          ['spec', 'egress', 0, 'hosts', 3],
          `expected a host ${HOST_FORMS}: the namespace "Bad_NS" is not "*", "." or a namespace name, got "Bad_NS/*"`,
        ),
      ],
    );
    expectIssues(sidecarSchema, sidecar({ egress: [{ hosts: [] }] }), [
      invalidValue(['spec', 'egress', 0, 'hosts'], 'expected at least one host'),
    ]);
  });

  it('checks egress listeners: one catch-all, last; unique ports and sockets; unix socket binds', () => {
    expectIssues(
      sidecarSchema,
      sidecar({ egress: [{ hosts: ['*/*'] }, { port: { number: 80, protocol: 'HTTP' }, hosts: ['*/*'] }] }),
      [invalidValue(['spec', 'egress', 0], 'expected the one egress listener without a port to be the last')],
    );
    expectIssues(
      sidecarSchema,
      sidecar({
        egress: [
          { port: { number: 80, protocol: 'HTTP', name: 'web', targetPort: 8080 }, hosts: ['*/*'] },
          { port: { number: 80, protocol: 'HTTP' }, hosts: ['*/*'] },
          {
            port: { number: 0, protocol: 'HTTP' },
            bind: '10.0.0.1',
            captureMode: 'IPTABLES',
            hosts: ['*/*'],
          },
          { port: { number: 70000, protocol: 'SPDY', name: 'Not_Valid' }, bind: 'unix:///x', hosts: ['*/*'] },
        ],
      }),
      [
        invalidValue(
          ['spec', 'egress', 0, 'port', 'targetPort'],
          'expected no targetPort: it has no effect on Sidecars',
        ),
        invalidValue(['spec', 'egress', 1, 'port'], 'expected unique egress ports, 80 is repeated'),
        invalidValue(['spec', 'egress', 2, 'bind'], 'expected a unix:// bind address for port number 0'),
        invalidValue(
          ['spec', 'egress', 2, 'captureMode'],
          'expected captureMode DEFAULT or NONE for a unix socket listener',
        ),
        invalidValue(
          ['spec', 'egress', 3, 'port', 'name'],
          'expected a port name that is a DNS-1123 label, got "Not_Valid"',
        ),
        invalidValue(
          ['spec', 'egress', 3, 'port', 'protocol'],
          'expected a protocol (HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS, MYSQL), got "SPDY"',
        ),
        invalidValue(
          ['spec', 'egress', 3, 'port', 'number'],
          'expected a port number from 1 to 65535, got 70000',
        ),
        invalidValue(['spec', 'egress', 3, 'bind'], 'expected an IP address to bind to, got "unix:///x"'),
      ],
    );
  });

  it('checks ingress listeners: ports, default endpoints, TLS limits', () => {
    const ingress = (l: Record<string, unknown>) =>
      sidecar({ ingress: [{ port: { number: 9080, protocol: 'HTTP', name: 'http' }, ...l }] });
    const at = ['spec', 'ingress', 0];
    expectIssues(sidecarSchema, ingress({ defaultEndpoint: '10.1.1.1:8080' }), [
      invalidValue(
        [...at, 'defaultEndpoint'],
        'expected a local endpoint: it is not 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port> or unix://<path>',
      ),
    ]);
    expectIssues(sidecarSchema, ingress({ defaultEndpoint: '[::1]:http' }), [
      invalidValue(
        [...at, 'defaultEndpoint'],
        'expected a local endpoint: its port "http" is not a number from 1 to 65535',
      ),
    ]);
    expectValid(sidecarSchema, ingress({ defaultEndpoint: ':8080' }));
    expectIssues(
      sidecarSchema,
      ingress({ tls: { mode: 'ISTIO_MUTUAL', httpsRedirect: true, subjectAltNames: ['a'] } }),
      [
        invalidValue([...at, 'tls', 'subjectAltNames'], 'expected no subjectAltNames in sidecar ingress tls'),
        invalidValue([...at, 'tls', 'httpsRedirect'], 'expected no httpsRedirect in sidecar ingress tls'),
        invalidValue(
          [...at, 'tls', 'mode'],
          'expected a tls mode other than ISTIO_MUTUAL in sidecar ingress tls',
        ),
        invalidValue([...at, 'tls'], 'expected no tls settings on a HTTP port (only HTTPS and TLS)'),
      ],
    );
    expectIssues(
      sidecarSchema,
      sidecar({
        ingress: [
          { port: { number: 80, protocol: 'HTTP' } },
          { port: { number: 80, protocol: 'TCP' }, connectionPool: {} },
        ],
      }),
      [
        invalidValue(
          ['spec', 'ingress', 1, 'port', 'number'],
          'expected unique ingress ports, 80 is repeated',
        ),
        invalidValue(
          ['spec', 'ingress', 1, 'connectionPool'],
          'expected a connection pool with tcp or http settings',
        ),
      ],
    );
  });

  it('allows an egress proxy only with ALLOW_ANY, with an FQDN and a port', () => {
    expectIssues(
      sidecarSchema,
      sidecar({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY', egressProxy: { host: 'proxy' } } }),
      [
        invalidValue(
          ['spec', 'outboundTrafficPolicy', 'egressProxy'],
          'expected egressProxy only with mode ALLOW_ANY',
        ),
        invalidValue(
          ['spec', 'outboundTrafficPolicy', 'egressProxy', 'port'],
          'expected the egress proxy port',
        ),
      ],
    );
    expectIssues(sidecarSchema, sidecar({ outboundTrafficPolicy: { mode: 'ALLOW_ALL' } }), [
      invalidValue(
        ['spec', 'outboundTrafficPolicy', 'mode'],
        'expected one of "REGISTRY_ONLY", "ALLOW_ANY", got "ALLOW_ALL"',
      ),
    ]);
  });
});
