import { describe, expect, it } from 'vitest';
import { serviceEntryKind, serviceEntrySchema } from '../../../src/schema/istio/index.js';
import { fullServiceEntry } from './fixtures.js';
import { expectIssues, expectValid, invalidValue, missingField, resource, unknownField } from './helpers.js';

const se = (spec: unknown, metadata?: Record<string, unknown>) => resource('ServiceEntry', spec, metadata);
const http = [{ number: 80, name: 'http', protocol: 'HTTP' }];

describe('ServiceEntry', () => {
  it('accepts every field of the API, and the common egress forms', () => {
    expectValid(serviceEntrySchema, se(fullServiceEntry));
    expectValid(
      serviceEntrySchema,
      se({ hosts: ['api.example.com'], ports: http, resolution: 'DNS', location: 'MESH_EXTERNAL' }),
    );
    expectValid(
      serviceEntrySchema,
      se({ hosts: ['*.example.com'], ports: http, resolution: 'NONE', exportTo: ['~'] }),
    );
    expectValid(
      serviceEntrySchema,
      se({
        hosts: ['*.example.com'],
        ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
        resolution: 'DYNAMIC_DNS',
      }),
    );
    expectValid(
      serviceEntrySchema,
      se({
        hosts: ['vm.internal'],
        ports: http,
        resolution: 'STATIC',
        workloadSelector: { labels: { app: 'vm' } },
      }),
    );
    expect(serviceEntryKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha3']);
  });

  it('reports unknown fields, and missing hosts and port names', () => {
    expectIssues(
      serviceEntrySchema,
      se({ hosts: ['a.com'], ports: [{ number: 80, protocol: 'HTTP' }], resolutoin: 'DNS' }),
      [
        unknownField(['spec', 'resolutoin'], 'resolution'),
        missingField(['spec', 'ports', 0, 'name'], 'required field is missing: expected a string'),
      ],
    );
    expectIssues(serviceEntrySchema, se({ hosts: [] }), [
      invalidValue(['spec', 'hosts'], 'expected at least one host'),
    ]);
    // the workloadSelector of a ServiceEntry is `labels`, not `matchLabels`
    expectIssues(
      serviceEntrySchema,
      se({ hosts: ['a.com'], workloadSelector: { matchLabels: { app: 'a' } } }),
      [unknownField(['spec', 'workloadSelector', 'matchLabels'])],
    );
  });

  it('checks hosts and addresses', () => {
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['*', 'bad_host.com'],
        addresses: ['10.0.0.0/8', '300.1.1.1'],
        ports: http,
        resolution: 'DNS',
        endpoints: [{ address: 'a.com' }],
      }),
      [
        invalidValue(
          ['spec', 'hosts', 0],
          'expected a hostname: the wildcard "*" alone is not allowed, got "*"',
        ),
        invalidValue(
          ['spec', 'hosts', 1],
          'expected a hostname: label "bad_host" is not a DNS-1123 label or wildcard, got "bad_host.com"',
        ),
        invalidValue(
          ['spec', 'addresses', 0],
          'expected an IP address: CIDR blocks need resolution NONE or STATIC, got DNS',
        ),
        invalidValue(['spec', 'addresses', 1], 'expected an IP address or CIDR block, got "300.1.1.1"'),
      ],
    );
    expectIssues(serviceEntrySchema, se({ hosts: ['*.example.com'], ports: http, resolution: 'DNS' }), [
      invalidValue(
        ['spec', 'hosts', 0],
        'expected a DNS name to resolve with resolution DNS and no endpoints: label "*" is not a DNS-1123 label, got "*.example.com"',
      ),
    ]);
  });

  it('checks ports', () => {
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com'],
        ports: [
          { number: 0, name: 'HTTP_WEB', protocol: 'QUIC' },
          { number: 0, name: 'x', targetPort: 70000 },
          { number: 80, name: 'x' },
        ],
      }),
      [
        invalidValue(
          ['spec', 'ports', 0, 'name'],
          'expected a port name that is a DNS-1123 label, got "HTTP_WEB"',
        ),
        invalidValue(['spec', 'ports', 0, 'number'], 'expected a port number from 1 to 65535, got 0'),
        invalidValue(
          ['spec', 'ports', 0, 'protocol'],
          'expected a protocol (HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS, MYSQL), got "QUIC"',
        ),
        invalidValue(['spec', 'ports', 1, 'number'], 'expected unique port numbers, 0 is repeated'),
        invalidValue(['spec', 'ports', 1, 'number'], 'expected a port number from 1 to 65535, got 0'),
        invalidValue(['spec', 'ports', 1, 'targetPort'], 'expected a port number from 1 to 65535, got 70000'),
        invalidValue(['spec', 'ports', 2, 'name'], 'expected unique port names, "x" is repeated'),
      ],
    );
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com', 'b.com'],
        ports: [{ number: 5432, name: 'pg', protocol: 'TCP' }],
        resolution: 'DNS',
      }),
      [
        invalidValue(
          ['spec', 'ports', 0, 'protocol'],
          'expected an HTTP or TLS protocol: several hosts cannot share a plain TCP port unless resolution is NONE',
        ),
      ],
    );
  });

  it('checks endpoints against the resolution', () => {
    expectIssues(
      serviceEntrySchema,
      se({ hosts: ['a.com'], ports: http, endpoints: [{ address: '1.2.3.4' }] }),
      [invalidValue(['spec', 'endpoints'], 'expected no endpoints with resolution NONE')],
    );
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com'],
        ports: http,
        resolution: 'STATIC',
        endpoints: [{ address: 'db.example.com', ports: { grpc: 9090 } }, { labels: { v: '1' } }],
      }),
      [
        invalidValue(
          ['spec', 'endpoints', 0, 'address'],
          'expected an IP address (resolution STATIC), got "db.example.com"',
        ),
        invalidValue(
          ['spec', 'endpoints', 0, 'ports', 'grpc'],
          'expected a port name the ServiceEntry defines, got "grpc"',
        ),
        invalidValue(
          ['spec', 'endpoints', 1, 'address'],
          'expected an address (or a network, for a workload reached through its network gateway)',
        ),
      ],
    );
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com'],
        ports: http,
        resolution: 'DNS_ROUND_ROBIN',
        endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }],
      }),
      [
        invalidValue(
          ['spec', 'endpoints'],
          'expected at most one endpoint with resolution DNS_ROUND_ROBIN, got 2',
        ),
      ],
    );
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com'],
        ports: http,
        resolution: 'STATIC',
        endpoints: [{ address: 'unix:///var/run/a.sock', ports: { http: 80 } }],
      }),
      [invalidValue(['spec', 'endpoints', 0, 'ports'], 'expected no ports on a unix socket endpoint')],
    );
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com'],
        resolution: 'STATIC',
        endpoints: [{ address: '1.2.3.4' }],
        workloadSelector: { labels: { app: 'a' } },
      }),
      [invalidValue(['spec'], 'expected only one of workloadSelector and endpoints, got both')],
    );
  });

  it('checks DYNAMIC_DNS entries', () => {
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['api.example.com'],
        addresses: ['10.0.0.1'],
        ports: [{ number: 5432, name: 'pg', protocol: 'TCP' }],
        resolution: 'DYNAMIC_DNS',
      }),
      [
        invalidValue(
          ['spec', 'hosts', 0],
          'expected a wildcard host ("*.example.com") with resolution DYNAMIC_DNS, got "api.example.com"',
        ),
        invalidValue(['spec', 'addresses'], 'expected no addresses with resolution DYNAMIC_DNS'),
        invalidValue(
          ['spec', 'ports', 0, 'protocol'],
          'expected protocol HTTP, HTTP2, GRPC or TLS with resolution DYNAMIC_DNS, got "TCP"',
        ),
      ],
    );
  });

  it('allows exportTo "~" only alone', () => {
    expectIssues(serviceEntrySchema, se({ hosts: ['a.com'], ports: http, exportTo: ['~', 'prod'] }), [
      invalidValue(['spec', 'exportTo'], 'expected exportTo "~" (no one) alone, got it with other entries'),
    ]);
  });

  it('checks workload selector labels', () => {
    expectIssues(
      serviceEntrySchema,
      se({
        hosts: ['a.com'],
        ports: http,
        resolution: 'STATIC',
        workloadSelector: { labels: { '': 'x', app: '*' } },
      }),
      [
        invalidValue(
          ['spec', 'workloadSelector', 'labels', ''],
          'expected a non-empty label key in the selector',
        ),
        invalidValue(
          ['spec', 'workloadSelector', 'labels', 'app'],
          'expected no wildcard in a selector, got "app=*"',
        ),
      ],
    );
  });
});
