// Istio's protocol detection for Kubernetes ports (ConvertProtocol) and the protocol predicates.
import { describe, expect, it } from 'vitest';
import {
  afterTlsTermination,
  buildRegistry,
  detectProtocol,
  isGrpc,
  isHttp,
  isHttp2,
  isHttpOrSniffed,
  isTcp,
  isTls,
  MeshProtocol,
  type ProtocolSource,
  parseProtocol,
} from '../../src/registry/index.js';
import { yaml } from './support.js';

const P = MeshProtocol;

describe('detectProtocol', () => {
  const rows: [string, ProtocolSource, MeshProtocol][] = [
    ['http', { port: 80, name: 'http' }, P.HTTP],
    ['http-web: prefix before the first dash', { port: 80, name: 'http-web' }, P.HTTP],
    ['HTTP: case-insensitive', { port: 80, name: 'HTTP' }, P.HTTP],
    ['Http2-Api', { port: 80, name: 'Http2-Api' }, P.HTTP2],
    ['https', { port: 443, name: 'https' }, P.HTTPS],
    ['grpc', { port: 9000, name: 'grpc' }, P.GRPC],
    ['grpc-web: checked before splitting on the dash', { port: 9000, name: 'grpc-web' }, P.GRPCWeb],
    ['GRPC-Web-frontend', { port: 9000, name: 'GRPC-Web-frontend' }, P.GRPCWeb],
    ['grpc-internal: grpc, not grpc-web', { port: 9000, name: 'grpc-internal' }, P.GRPC],
    ['tcp', { port: 9000, name: 'tcp' }, P.TCP],
    ['tcp-db', { port: 9000, name: 'tcp-db' }, P.TCP],
    ['tls', { port: 443, name: 'tls-passthrough' }, P.TLS],
    ['mongo', { port: 27018, name: 'mongo' }, P.Mongo],
    ['mysql', { port: 3307, name: 'mysql-primary' }, P.MySQL],
    ['redis', { port: 6379, name: 'redis' }, P.Redis],
    ['udp name is parsed too', { port: 53, name: 'udp-dns' }, P.UDP],
    ['http_proxy', { port: 3128, name: 'http_proxy' }, P.HTTP_PROXY],
    ['thrift: not an Istio protocol any more', { port: 9090, name: 'thrift' }, P.Unsupported],
    ['unnamed: sniffed', { port: 8080 }, P.Unsupported],
    ['unknown prefix: sniffed', { port: 8080, name: 'web' }, P.Unsupported],
    ['httpx: the whole prefix must match', { port: 8080, name: 'httpx' }, P.Unsupported],
    ['unnamed MySQL port: TCP (server speaks first)', { port: 3306 }, P.TCP],
    ['unknown name on the MongoDB port: TCP', { port: 27017, name: 'db' }, P.TCP],
    ['unnamed SMTP port: TCP', { port: 25 }, P.TCP],
    ['UDP ignores the name', { port: 80, name: 'http', protocol: 'UDP' }, P.UDP],
    ['UDP ignores appProtocol', { port: 80, appProtocol: 'http', protocol: 'UDP' }, P.UDP],
    ['SCTP is read by name like TCP', { port: 80, name: 'http', protocol: 'SCTP' }, P.HTTP],
    ['appProtocol wins over the name', { port: 80, name: 'tcp', appProtocol: 'http' }, P.HTTP],
    ['appProtocol HTTP2 any case', { port: 80, name: 'web', appProtocol: 'HTTP2' }, P.HTTP2],
    ['appProtocol kubernetes.io/h2c', { port: 80, name: 'tcp', appProtocol: 'kubernetes.io/h2c' }, P.HTTP2],
    ['appProtocol kubernetes.io/ws', { port: 80, appProtocol: 'kubernetes.io/ws' }, P.HTTP],
    ['appProtocol kubernetes.io/wss', { port: 443, appProtocol: 'kubernetes.io/wss' }, P.HTTPS],
    ['appProtocol grpc-web', { port: 80, appProtocol: 'grpc-web' }, P.GRPCWeb],
    [
      'appProtocol unknown: sniffed, the name is not consulted',
      { port: 80, name: 'http', appProtocol: 'foo' },
      P.Unsupported,
    ],
    ['kubernetes.io/h2c as a name is not special', { port: 80, name: 'kubernetes.io/h2c' }, P.Unsupported],
  ];
  it.each(rows)('%s', (_, source, expected) => {
    expect(detectProtocol(source)).toBe(expected);
  });
});

describe('parseProtocol and predicates', () => {
  it('parses Istio protocol names in any case, else Unsupported', () => {
    expect(parseProtocol('HTTPS')).toBe(P.HTTPS);
    expect(parseProtocol('grpc-web')).toBe(P.GRPCWeb);
    expect(parseProtocol('Mongo')).toBe(P.Mongo);
    expect(parseProtocol(undefined)).toBe(P.Unsupported);
    expect(parseProtocol('')).toBe(P.Unsupported);
  });

  it('classifies protocols as Istio does', () => {
    expect([P.HTTP, P.HTTP2, P.GRPC, P.GRPCWeb, P.HTTP_PROXY].every(isHttp)).toBe(true);
    expect(isHttp(P.HTTPS)).toBe(false);
    expect([P.HTTP2, P.GRPC, P.GRPCWeb].every(isHttp2)).toBe(true);
    expect(isHttp2(P.HTTP)).toBe(false);
    expect(isHttpOrSniffed(P.Unsupported)).toBe(true);
    expect(isHttpOrSniffed(P.TCP)).toBe(false);
    expect([P.TCP, P.HTTPS, P.TLS, P.Mongo, P.Redis, P.MySQL].every(isTcp)).toBe(true);
    expect(isTcp(P.UDP)).toBe(false);
    expect(isTls(P.HTTPS) && isTls(P.TLS) && !isTls(P.TCP)).toBe(true);
    expect(isGrpc(P.GRPCWeb) && !isGrpc(P.HTTP2)).toBe(true);
    expect(afterTlsTermination(P.HTTPS)).toBe(P.HTTP);
    expect(afterTlsTermination(P.TLS)).toBe(P.TCP);
    expect(afterTlsTermination(P.GRPC)).toBe(P.GRPC);
  });
});

describe('service port protocols in the registry', () => {
  it('detects each port of a Service; a ServiceEntry port uses its protocol field', () => {
    const reg = buildRegistry(
      yaml(`
apiVersion: v1
kind: Service
metadata: { name: multi }
spec:
  selector: { app: multi }
  ports:
    - { name: http-web, port: 80, targetPort: 8080 }
    - { name: grpc-web, port: 81 }
    - { name: metrics, port: 9090, appProtocol: kubernetes.io/h2c }
    - { name: dns, port: 53, protocol: UDP }
    - { name: db, port: 3306 }
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ext }
spec:
  hosts: [api.example.com]
  ports:
    - { number: 443, name: secure, protocol: HTTPS }
    - { number: 8080, name: plain }
  resolution: DNS
`),
    );
    const multi = reg.service('multi.default.svc.cluster.local');
    expect(multi?.ports.map((p) => [p.name, p.port, p.targetPort, p.protocol])).toEqual([
      ['http-web', 80, 8080, P.HTTP],
      ['grpc-web', 81, undefined, P.GRPCWeb],
      ['metrics', 9090, undefined, P.HTTP2],
      ['dns', 53, undefined, P.UDP],
      ['db', 3306, undefined, P.TCP],
    ]);
    expect(multi?.ports[2]?.appProtocol).toBe('kubernetes.io/h2c');
    expect(reg.service('api.example.com')?.ports.map((p) => p.protocol)).toEqual([P.HTTPS, P.Unsupported]);
  });
});
