import { describe, expect, it } from 'vitest';
import { k8sGatewaySchema } from '../../../src/schema/gateway-api/gateway.js';
import { doc, issue, issuesOf } from './helpers.js';

const gateway = (spec: unknown) => doc('Gateway', spec);
const http = { name: 'http', port: 80, protocol: 'HTTP' };

/** A Gateway using every field (v1.4+ spec.tls, and the v1.3 backendTLS / frontendValidation forms). */
const fullGateway = gateway({
  gatewayClassName: 'istio',
  listeners: [
    {
      name: 'http',
      hostname: '*.example.com',
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: {
        namespaces: {
          from: 'Selector',
          selector: {
            matchLabels: { shared: 'true' },
            matchExpressions: [
              { key: 'env', operator: 'In', values: ['prod', 'staging'] },
              { key: 'legacy', operator: 'DoesNotExist' },
            ],
          },
        },
        kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }],
      },
    },
    {
      name: 'https',
      hostname: 'api.example.com',
      port: 443,
      protocol: 'HTTPS',
      tls: {
        mode: 'Terminate',
        certificateRefs: [{ group: '', kind: 'Secret', name: 'api-cert', namespace: 'certs' }],
        frontendValidation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] },
        options: { 'example.com/min-tls': '1.3' },
      },
    },
    { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
    { name: 'tcp', port: 31400, protocol: 'TCP', allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } },
    { name: 'custom', port: 9000, protocol: 'example.com/quic' },
  ],
  addresses: [
    { type: 'IPAddress', value: '192.0.2.10' },
    { value: '2001:db8::10' },
    { type: 'Hostname', value: 'gw.example.com' },
    { type: 'NamedAddress', value: 'my-static-ip' },
    { type: 'example.com/pool' },
  ],
  infrastructure: {
    labels: { 'app.kubernetes.io/part-of': 'edge', tier: 'front' },
    annotations: { 'example.com/owner': 'team a' },
    parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-options' },
  },
  tls: {
    backend: { clientCertificateRef: { name: 'gw-client-cert' } },
    frontend: {
      default: {
        validation: {
          caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }],
          mode: 'AllowValidOnly',
        },
      },
      perPort: [
        {
          port: 443,
          tls: {
            validation: {
              caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca-443', namespace: 'certs' }],
              mode: 'AllowInsecureFallback',
            },
          },
        },
      ],
    },
  },
  backendTLS: { clientCertificateRef: { kind: 'Secret', name: 'old-client-cert' } },
  allowedListeners: { namespaces: { from: 'Same' } },
  defaultScope: 'None',
});

describe('Gateway (gateway.networking.k8s.io)', () => {
  it('accepts a Gateway using every field', () => {
    expect(issuesOf(k8sGatewaySchema, fullGateway)).toEqual([]);
  });

  it('reports unknown fields at depth, one per key', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [{ ...http, allowedRoutes: { namespaces: { from: 'All', form: 'x' } } }],
      adresses: [],
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_UNKNOWN_FIELD',
        ['spec', 'listeners', 0, 'allowedRoutes', 'namespaces', 'form'],
        'unknown field "form"; did you mean "from"?',
      ),
      issue('MM_UNKNOWN_FIELD', ['spec', 'adresses'], 'unknown field "adresses"; did you mean "addresses"?'),
    ]);
  });

  it('requires gatewayClassName and at least one listener', () => {
    expect(issuesOf(k8sGatewaySchema, gateway({ listeners: [] }))).toEqual([
      issue('MM_MISSING_FIELD', ['spec', 'gatewayClassName'], 'required field is missing: expected a string'),
      issue('MM_INVALID_VALUE', ['spec', 'listeners'], 'expected at least one listener'),
    ]);
  });

  it('reports a duplicate listener name and a repeated port/protocol/hostname', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [http, { ...http, port: 8080 }, { ...http, name: 'b' }],
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 1, 'name'],
        'expected a unique listener name, "http" is also at index 0',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 2],
        'expected a unique port/protocol/hostname combination, 80/HTTP is also at index 0',
      ),
    ]);
  });

  it('checks listener ports, names, protocols and hostnames', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [
        { name: 'Web', port: 70000, protocol: 'HTTP' },
        { name: 'ip', port: 81, protocol: 'HTTP', hostname: '10.0.0.1' },
        { name: 'mid', port: 82, protocol: 'HTTP', hostname: 'a.*.example.com' },
        { name: 'bad-proto', port: 83, protocol: 'HTTP 2' },
        { name: 'ten', port: 'ten', protocol: 'HTTP' },
      ],
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 0, 'name'],
        'expected a name made of lower-case letters, digits, "-" and ".", got "Web"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 0, 'port'],
        'expected a port number from 1 to 65535, got 70000',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 1, 'hostname'],
        'expected a hostname such as "example.com" or "*.example.com" (lower case, no IP address), got "10.0.0.1"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 2, 'hostname'],
        'expected a hostname such as "example.com" or "*.example.com" (lower case, no IP address), got "a.*.example.com"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 3, 'protocol'],
        'expected a protocol such as "HTTP", "HTTPS", "TLS", "TCP" or "example.com/proto", got "HTTP 2"',
      ),
      issue('MM_INVALID_TYPE', ['spec', 'listeners', 4, 'port'], 'expected a number, got "ten"'),
    ]);
  });

  it('applies the protocol rules to tls and hostname', () => {
    const cert = { certificateRefs: [{ name: 'c' }] };
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [
        { name: 'a', port: 80, protocol: 'HTTP', tls: cert },
        { name: 'b', port: 443, protocol: 'HTTPS' },
        { name: 'c', port: 444, protocol: 'HTTPS', tls: { mode: 'Passthrough' } },
        { name: 'd', port: 445, protocol: 'TLS' },
        { name: 'e', port: 31400, protocol: 'TCP', hostname: 'tcp.example.com' },
        { name: 'f', port: 446, protocol: 'HTTPS', tls: { mode: 'Terminate' } },
      ],
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'listeners', 0, 'tls'], 'expected no tls for protocol HTTP'),
      issue('MM_INVALID_VALUE', ['spec', 'listeners', 1, 'tls'], 'expected tls for protocol HTTPS'),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 2, 'tls', 'mode'],
        'expected tls mode Terminate for protocol HTTPS, got Passthrough',
      ),
      issue('MM_INVALID_VALUE', ['spec', 'listeners', 3, 'tls'], 'expected tls for protocol TLS'),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 4, 'hostname'],
        'expected no hostname for protocol TCP',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 5, 'tls', 'certificateRefs'],
        'expected certificateRefs or options for mode Terminate',
      ),
    ]);
  });

  it('reports a bad tls mode and a namespace selector missing for from: Selector', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [
        { name: 'a', port: 443, protocol: 'TLS', tls: { mode: 'Reencrypt' } },
        { ...http, allowedRoutes: { namespaces: { from: 'Selector' } } },
      ],
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 0, 'tls', 'mode'],
        'expected one of "Terminate", "Passthrough", got "Reencrypt"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'listeners', 1, 'allowedRoutes', 'namespaces', 'selector'],
        'expected a selector when from is Selector',
      ),
    ]);
  });

  it('checks label selector operators', () => {
    const selector = {
      matchExpressions: [
        { key: 'a', operator: 'In' },
        { key: 'b', operator: 'Exists', values: ['x'] },
      ],
    };
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [{ ...http, allowedRoutes: { namespaces: { from: 'Selector', selector } } }],
    });
    const at = ['spec', 'listeners', 0, 'allowedRoutes', 'namespaces', 'selector', 'matchExpressions'];
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue('MM_INVALID_VALUE', [...at, 0, 'values'], 'expected at least one value for operator In'),
      issue('MM_INVALID_VALUE', [...at, 1, 'values'], 'expected no values for operator Exists'),
    ]);
  });

  it('checks address values by type and their uniqueness', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [http],
      addresses: [
        { type: 'IPAddress', value: '10.0.0.300' },
        { value: '10.0.0.1' },
        { type: 'IPAddress', value: '10.0.0.1' },
        { type: 'Hostname', value: 'Bad_Host' },
        { type: 'Cluster IP' },
      ],
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'addresses', 0, 'value'],
        'expected an IPv4 or IPv6 address, got "10.0.0.300"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'addresses', 3, 'value'],
        'expected a hostname such as "gw.example.com" or "*.example.com", got "Bad_Host"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'addresses', 4, 'type'],
        'expected an address type: IPAddress, Hostname, NamedAddress or "example.com/type", got "Cluster IP"',
      ),
      // IPAddress is the default type: items 1 and 2 name the same address.
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'addresses', 2, 'value'],
        'expected a unique address, IPAddress 10.0.0.1 is also at index 1',
      ),
    ]);
    const dup = gateway({
      gatewayClassName: 'istio',
      listeners: [http],
      addresses: [{ value: '10.0.0.1' }, { type: 'IPAddress', value: '10.0.0.1' }],
    });
    expect(issuesOf(k8sGatewaySchema, dup)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'addresses', 1, 'value'],
        'expected a unique address, IPAddress 10.0.0.1 is also at index 0',
      ),
    ]);
  });

  it('checks infrastructure labels and annotations', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [http],
      infrastructure: { labels: { 'bad key!': 'x', ok: 'not ok' }, annotations: { '/nope': 'v' } },
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'infrastructure', 'labels', 'bad key!'],
        'expected a key such as "example.com/name" (optional DNS prefix, name of up to 63 characters), got "bad key!"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'infrastructure', 'labels', 'ok'],
        'expected a label value of at most 63 letters, digits, "-", "_" or ".", got "not ok"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'infrastructure', 'annotations', '/nope'],
        'expected a key such as "example.com/name" (optional DNS prefix, name of up to 63 characters), got "/nope"',
      ),
    ]);
  });

  it('checks frontend TLS validation', () => {
    const g = gateway({
      gatewayClassName: 'istio',
      listeners: [http],
      tls: {
        frontend: {
          default: { validation: { caCertificateRefs: [] } },
          perPort: [
            { port: 443, tls: {} },
            { port: 443, tls: {} },
          ],
        },
      },
    });
    expect(issuesOf(k8sGatewaySchema, g)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'tls', 'frontend', 'default', 'validation', 'caCertificateRefs'],
        'expected at least one caCertificateRef',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'tls', 'frontend', 'perPort', 1, 'port'],
        'expected a unique port, 443 is also at index 0',
      ),
    ]);
  });
});
