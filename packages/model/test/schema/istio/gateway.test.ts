import { describe, expect, it } from 'vitest';
import { gatewayKind, gatewaySchema } from '../../../src/schema/istio/index.js';
import { fullGateway } from './fixtures.js';
import { expectIssues, expectValid, invalidValue, missingField, resource, unknownField } from './helpers.js';

const gw = (spec: unknown, metadata?: Record<string, unknown>) => resource('Gateway', spec, metadata);
/** A Gateway with one server. */
const withServer = (server: Record<string, unknown>) =>
  gw({
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'], ...server }],
  });
const S = ['spec', 'servers', 0];

describe('Gateway', () => {
  it('accepts every field of the API', () => {
    expectValid(gatewaySchema, gw(fullGateway));
    expect(gatewayKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha3']);
  });

  it('reports unknown fields and missing required fields', () => {
    expectIssues(gatewaySchema, withServer({ tls: { httpsRedirect: true, redirect: true } }), [
      unknownField([...S, 'tls', 'redirect']),
    ]);
    expectIssues(gatewaySchema, gw({ servers: [{ port: { number: 80, protocol: 'HTTP' } }] }), [
      missingField([...S, 'port', 'name'], 'required field is missing: expected a string'),
      missingField([...S, 'hosts'], 'required field is missing: expected a list'),
    ]);
    expectIssues(gatewaySchema, gw({ selector: {}, servers: [] }), [
      invalidValue(['spec', 'servers'], 'expected at least one server'),
    ]);
  });

  it('checks the gateway name (a DNS-1123 label)', () => {
    expectIssues(gatewaySchema, gw(fullGateway, { name: 'bookinfo.gateway' }), [
      invalidValue(
        ['metadata', 'name'],
        'expected a gateway name that is a DNS-1123 label (no dots), got "bookinfo.gateway"',
      ),
    ]);
  });

  it('checks hosts', () => {
    expectIssues(
      gatewaySchema,
      withServer({ hosts: ['reviews', 'ns/foo*.example.com', 'bad_ns/*', '10.0.0.1', '*'] }),
      [
        invalidValue(
          [...S, 'hosts', 0],
          'expected a host "*", "bookinfo.com", "*.example.com" or "namespace/host": short names (without a dot) are not allowed, got "reviews"',
        ),
        invalidValue(
          [...S, 'hosts', 1],
          'expected a host "*", "bookinfo.com", "*.example.com" or "namespace/host": label "foo*" is not a DNS-1123 label or wildcard, got "ns/foo*.example.com"',
        ),
        invalidValue(
          [...S, 'hosts', 2],
          'expected a host "*", "bookinfo.com", "*.example.com" or "namespace/host": the namespace "bad_ns" is not "*", "." or a namespace name, got "bad_ns/*"',
        ),
      ],
    );
  });

  it('checks ports, protocols and binds', () => {
    expectIssues(
      gatewaySchema,
      withServer({ port: { number: 70000, name: 'http', protocol: 'HTTP3', targetPort: 8080 } }),
      [
        invalidValue(
          [...S, 'port', 'protocol'],
          'expected a protocol (HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TCP, TLS, UDP, MONGO, REDIS, MYSQL), got "HTTP3"',
        ),
        invalidValue([...S, 'port', 'number'], 'expected a port number from 1 to 65535, got 70000'),
        invalidValue([...S, 'port', 'targetPort'], 'expected no targetPort: it has no effect on Gateways'),
      ],
    );
    expectIssues(gatewaySchema, withServer({ port: { number: 0, name: 'http', protocol: 'http' } }), [
      invalidValue([...S, 'port', 'number'], 'expected a port number from 1 to 65535, got 0'),
    ]);
    expectIssues(gatewaySchema, withServer({ bind: 'unix://relative/path' }), [
      invalidValue(
        [...S, 'bind'],
        'expected a unix socket path: "relative/path" is not an absolute path to a file',
      ),
      invalidValue([...S, 'port', 'number'], 'expected port number 0 for a unix socket bind'),
    ]);
    expectIssues(gatewaySchema, withServer({ bind: 'localhost' }), [
      invalidValue([...S, 'bind'], 'expected an IP address or unix:// path, got "localhost"'),
    ]);
    expectIssues(
      gatewaySchema,
      gw({
        servers: [
          { port: { number: 80, name: 'web', protocol: 'HTTP' }, hosts: ['*'] },
          { port: { number: 8080, name: 'web', protocol: 'HTTP' }, hosts: ['*'] },
        ],
      }),
      [
        invalidValue(
          ['spec', 'servers', 1, 'port', 'name'],
          'expected port names unique among servers, "web" is also servers[0]',
        ),
      ],
    );
  });

  it('allows TLS settings only where TLS is spoken', () => {
    expectIssues(gatewaySchema, withServer({ port: { number: 443, name: 'https', protocol: 'HTTPS' } }), [
      invalidValue([...S, 'tls'], 'expected tls settings on a HTTPS server'),
    ]);
    expectIssues(gatewaySchema, withServer({ tls: { mode: 'SIMPLE', credentialName: 'cert' } }), [
      invalidValue([...S, 'tls'], 'expected only httpsRedirect in tls settings of a plain HTTP server'),
    ]);
    expectIssues(
      gatewaySchema,
      withServer({ port: { number: 3306, name: 'mysql', protocol: 'MYSQL' }, tls: { httpsRedirect: true } }),
      [invalidValue([...S, 'tls'], 'expected no tls settings on a MYSQL server (only HTTPS and TLS)')],
    );
  });

  it('checks server TLS settings', () => {
    const tls = (t: unknown) =>
      withServer({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, tls: t });
    const at = [...S, 'tls'];
    expectIssues(gatewaySchema, tls({ mode: 'MUTUAL', serverCertificate: '/c.pem' }), [
      invalidValue(
        [...at, 'caCertificates'],
        'expected caCertificates (the client CA bundle) for MUTUAL TLS',
      ),
      invalidValue([...at, 'privateKey'], 'expected a privateKey for MUTUAL TLS'),
    ]);
    expectIssues(
      gatewaySchema,
      tls({ mode: 'ISTIO_MUTUAL', credentialName: 'x', tlsCertificates: [{ serverCertificate: '/a' }] }),
      [
        invalidValue(
          [...at, 'credentialName'],
          'expected no credentialName with ISTIO_MUTUAL: Istio provides the certificates',
        ),
        invalidValue(
          [...at, 'tlsCertificates'],
          'expected no tlsCertificates with ISTIO_MUTUAL: Istio provides the certificates',
        ),
      ],
    );
    expectIssues(gatewaySchema, tls({ mode: 'SIMPLE', credentialNames: ['b', 'c', 'd'] }), [
      invalidValue([...at, 'credentialNames'], 'expected one or two credential names'),
    ]);
    expectIssues(
      gatewaySchema,
      tls({ mode: 'SIMPLE', credentialName: 'a', credentialNames: ['b', 'c'], caCrl: '/crl.pem' }),
      [
        invalidValue(
          at,
          'expected one certificate source of credentialName, credentialNames, serverCertificate/privateKey and tlsCertificates, got credentialName and credentialNames',
        ),
        invalidValue(
          [...at, 'caCrl'],
          'expected no caCrl with credentialName: put the CRL in the credential',
        ),
        invalidValue([...at, 'caCrl'], 'expected no caCrl with SIMPLE TLS (no client certificates)'),
      ],
    );
    expectIssues(gatewaySchema, tls({ mode: 'SIMPLE', tlsCertificates: [{ serverCertificate: '/a.pem' }] }), [
      invalidValue([...at, 'tlsCertificates', 0, 'privateKey'], 'expected a privateKey for SIMPLE TLS'),
    ]);
    expectIssues(gatewaySchema, tls({ mode: 'SIMPLE', credentialName: 'c', minProtocolVersion: 'TLSV1_4' }), [
      invalidValue(
        [...at, 'minProtocolVersion'],
        'expected one of "TLS_AUTO", "TLSV1_0", "TLSV1_1", "TLSV1_2", "TLSV1_3", got "TLSV1_4"',
      ),
    ]);
  });
});
