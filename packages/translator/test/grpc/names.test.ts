// Which listeners a proxyless gRPC node gets for the names it asks for (istiod grpcgen newListenerNameFilter and
// tryFindFQDN): FQDN, short name and namespace forms, names without port, server listener names, and no names at all.
import { describe, expect, it } from 'vitest';
import { buildGrpcListeners } from '../../src/grpc/grpc-listeners.js';
import {
  expandShortName,
  GRPC_SERVER_LISTENER_PREFIX,
  grpcServerListenerName,
  isProxylessMetadata,
} from '../../src/grpc/grpc-names.js';
import { proxyInputFromNode } from '../../src/grpc/grpc-node.js';
import { MessageSink } from '../../src/messages.js';
import { formatProxyId, parseProxy } from '../../src/proxy.js';
import { translate } from '../../src/translate.js';
import {
  apiHcm,
  expectEncodes,
  grpcClient,
  grpcServer,
  otherNamespaceClient,
  REVIEWS,
  world,
} from './helpers.js';

const names = (ls: readonly { name?: string }[]) => ls.map((l) => l.name);

describe('proxyless node recognition', () => {
  it('marks a node proxyless by GENERATOR=grpc metadata, as istiod IsProxylessGrpc', () => {
    expect(grpcClient.proxyless).toBe(true);
    expect(isProxylessMetadata({ GENERATOR: 'grpc', ISTIO_VERSION: '1.30.0' })).toBe(true);
    expect(isProxylessMetadata({ GENERATOR: 'envoy' })).toBe(false);
    expect(isProxylessMetadata(undefined)).toBe(false);
    const sidecar = parseProxy({ id: formatProxyId('sidecar', '10.0.0.1', 'productpage-v1-abc', 'default') });
    expect(sidecar.proxyless).toBe(false);
  });

  it("reads the node of istio-agent's gRPC bootstrap, as JSON and as a decoded Struct", () => {
    // The shape grpcxds.GenerateBootstrap writes (pkg/istio-agent/testdata/grpc-bootstrap.json), our values.
    const bootstrap = {
      xds_servers: [{ server_uri: 'unix:///etc/istio/XDS', channel_creds: [{ type: 'insecure' }] }],
      node: {
        id: 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local',
        metadata: {
          GENERATOR: 'grpc',
          INSTANCE_IPS: '10.0.0.1',
          ISTIO_VERSION: '1.30.0',
          LABELS: { app: 'productpage', version: 'v1' },
          PILOT_SAN: ['istiod.istio-system.svc'],
        },
      },
      server_listener_resource_name_template: 'xds.istio.io/grpc/lds/inbound/%s',
    };
    const proxy = parseProxy(proxyInputFromNode(bootstrap.node));
    expect(proxy).toMatchObject({
      proxyless: true,
      namespace: 'default',
      labels: { app: 'productpage', version: 'v1' },
      istioVersion: '1.30.0',
    });
    expect(bootstrap.server_listener_resource_name_template.replace('%s', '0.0.0.0:9080')).toBe(
      grpcServerListenerName('0.0.0.0', 9080),
    );
    const struct = {
      id: bootstrap.node.id,
      metadata: {
        fields: {
          GENERATOR: { stringValue: 'grpc' },
          LABELS: { structValue: { fields: { app: { stringValue: 'productpage' } } } },
        },
      },
    };
    expect(proxyInputFromNode(struct)).toEqual({
      id: bootstrap.node.id,
      labels: { app: 'productpage' },
      generator: 'grpc',
    });
    expect(parseProxy(proxyInputFromNode({ id: bootstrap.node.id, metadata: {} })).proxyless).toBe(false);
  });

  it('translate() gives a proxyless node API listeners instead of sidecar listeners', async () => {
    const w = await world();
    const t = translate(grpcClient, w.push);
    expect(t.listeners.length).toBeGreaterThan(0);
    for (const l of t.listeners) {
      expect(l.api_listener?.api_listener, l.name).toBeDefined();
      expect(l.filter_chains ?? [], l.name).toEqual([]);
    }
    expect(names(t.listeners)).toContain(`${REVIEWS}:9080`);
    expect(names(t.listeners)).not.toContain('virtualOutbound');
    expect(names(t.listeners)).not.toContain('0.0.0.0_9080');
    expectEncodes(t);
  });
});

describe('requested listener names', () => {
  it('answers the FQDN, the short name and the namespace forms with listeners named as asked', async () => {
    const w = await world();
    const sink = new MessageSink();
    const asked = [`${REVIEWS}:9080`, 'reviews:9080', 'reviews.default:9080', 'reviews.default.svc:9080'];
    const ls = buildGrpcListeners(grpcClient, w.push, sink, asked);
    expect([...names(ls)].sort()).toEqual([...asked].sort());
    // Every copy points at the same RDS name, the service's default cluster name.
    for (const l of ls)
      expect(apiHcm(l).rds).toEqual({
        config_source: { ads: {} },
        route_config_name: `outbound|9080||${REVIEWS}`,
      });
    expectEncodes({ listeners: ls });
  });

  it('gives every port of the service for a name without port, and nothing for unknown names or ports', async () => {
    const w = await world();
    const sink = new MessageSink();
    expect(names(buildGrpcListeners(grpcClient, w.push, sink, ['reviews']))).toEqual(['reviews:9080']);
    expect(buildGrpcListeners(grpcClient, w.push, sink, ['nothing:9080', 'reviews:1234'])).toEqual([]);
    // A port on one request and no port on another: no port wins (istiod clears the port set).
    expect(names(buildGrpcListeners(grpcClient, w.push, sink, ['reviews:1234', 'reviews']))).toEqual([
      'reviews:9080',
    ]);
  });

  it('expands short names against the node namespace only (tryFindFQDN)', () => {
    expect(expandShortName('reviews', grpcClient)).toBe(REVIEWS);
    expect(expandShortName('reviews.default', grpcClient)).toBe(REVIEWS);
    expect(expandShortName('reviews.default.svc', grpcClient)).toBe(REVIEWS);
    expect(expandShortName('reviews.other', grpcClient)).toBeUndefined();
    expect(expandShortName('reviews', otherNamespaceClient)).toBe('reviews.other.svc.cluster.local');
  });

  it('lets a client in another namespace reach reviews by FQDN only', async () => {
    const w = await world();
    const sink = new MessageSink();
    const ls = buildGrpcListeners(otherNamespaceClient, w.push, sink, [
      'reviews:9080',
      'reviews.default:9080',
      `${REVIEWS}:9080`,
    ]);
    expect(names(ls)).toEqual([`${REVIEWS}:9080`]);
  });

  it('builds every service port, named by hostname, when no names are given', async () => {
    const w = await world();
    const ls = buildGrpcListeners(grpcClient, w.push, new MessageSink());
    const scope = w.push.sidecarScope(grpcClient);
    const expected = scope.services.flatMap((s) => s.ports.map((p) => `${s.hostname}:${p.port}`));
    expect(names(ls)).toEqual(expected);
    // An empty subscription is a wildcard, as in istiod; a request naming only server listeners gets no clients.
    expect(names(buildGrpcListeners(grpcClient, w.push, new MessageSink(), []))).toEqual(expected);
    const serverOnly = buildGrpcListeners(grpcClient, w.push, new MessageSink(), [
      grpcServerListenerName('0.0.0.0', 9080),
    ]);
    expect(names(serverOnly)).toEqual([grpcServerListenerName('0.0.0.0', 9080)]);
    expect(expected).toContain('productpage.default.svc.cluster.local:9080');
  });
});

describe('server listeners', () => {
  const serverName = grpcServerListenerName('0.0.0.0', 9080);

  it('names and builds the inbound listener of a workload port, plaintext under PERMISSIVE', async () => {
    expect(serverName).toBe(`${GRPC_SERVER_LISTENER_PREFIX}0.0.0.0:9080`);
    expect(grpcServerListenerName('::', 9080)).toBe('xds.istio.io/grpc/lds/inbound/[::]:9080');
    const w = await world();
    const [l, ...rest] = buildGrpcListeners(grpcServer, w.push, new MessageSink(), [serverName]);
    expect(rest).toEqual([]);
    expect(l?.name).toBe(serverName);
    expect(l?.address).toEqual({ socket_address: { address: '0.0.0.0', port_value: 9080 } });
    expect(l?.api_listener).toBeUndefined();
    const chain = l?.filter_chains?.[0];
    expect(chain?.name).toBe('inbound-plaintext');
    expect(chain?.transport_socket).toBeUndefined();
    const hcm = chain?.filters?.[0]?.typed_config as Record<string, unknown>;
    expect(chain?.filters?.[0]?.name).toBe('inbound-hcmplaintext');
    expect(hcm.route_config).toEqual({
      name: 'inbound',
      virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/' }, non_forwarding_action: {} }] }],
    });
    expectEncodes({ listeners: [l ?? {}] });
    const [v6] = buildGrpcListeners(grpcServer, w.push, new MessageSink(), [
      grpcServerListenerName('::', 9080),
    ]);
    expect(v6?.address).toEqual({ socket_address: { address: '::', port_value: 9080 } });
  });

  it('requires mTLS under STRICT, and for auto-mTLS workloads (tlsMode istio) under PERMISSIVE', async () => {
    const strict = await world(
      [],
      [
        `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: default }
spec: { mtls: { mode: STRICT } }
`,
      ],
    );
    const [l] = buildGrpcListeners(grpcServer, strict.push, new MessageSink(), [serverName]);
    const chain = l?.filter_chains?.[0];
    expect(chain?.name).toBe('inbound-mtls');
    expect(chain?.transport_socket?.name).toBe('envoy.transport_sockets.tls');
    expect(chain?.transport_socket?.typed_config).toMatchObject({
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      require_client_certificate: { value: true },
    });
    expectEncodes({ listeners: [l ?? {}] });
    const permissive = await world();
    const auto = parseProxy({
      id: grpcServer.id,
      labels: { ...grpcServer.labels, 'security.istio.io/tlsMode': 'istio' },
      generator: 'grpc',
    });
    const [a] = buildGrpcListeners(auto, permissive.push, new MessageSink(), [serverName]);
    expect(a?.filter_chains?.[0]?.name).toBe('inbound-mtls');
  });

  it('reports AuthorizationPolicies of a server as not enforced (no gRPC RBAC filters yet)', async () => {
    const w = await world(
      [],
      [
        `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-delete, namespace: default }
spec:
  selector: { matchLabels: { app: reviews } }
  action: DENY
  rules: [{ to: [{ operation: { paths: ["/reviews.Reviews/Delete*"] } }] }]
`,
      ],
    );
    const sink = new MessageSink();
    const [l] = buildGrpcListeners(grpcServer, w.push, sink, [serverName]);
    expect(l?.filter_chains?.[0]?.name).toBe('inbound-plaintext');
    expect(sink.list()).toMatchObject([
      { code: 'MM_GRPC_UNSUPPORTED', severity: 'Error', resource: 'AuthorizationPolicy default/deny-delete' },
    ]);
    expect(sink.list()[0]?.message).toContain('DENY policy is not enforced');
  });

  it('reports server names for ports the workload does not serve, and builds nothing for them', async () => {
    const w = await world();
    const sink = new MessageSink();
    const bad = grpcServerListenerName('0.0.0.0', 1234);
    expect(
      buildGrpcListeners(grpcServer, w.push, sink, [bad, `${GRPC_SERVER_LISTENER_PREFIX}nonsense`]),
    ).toEqual([]);
    expect(sink.list().map((m) => m.code)).toEqual(['MM_GRPC_LISTENER', 'MM_GRPC_LISTENER']);
    expect(sink.list()[0]?.message).toContain('port 1234');
  });
});
