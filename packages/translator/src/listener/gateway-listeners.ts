// Gateway listeners (istiod 1.30 gateway.go buildGatewayListeners): one `0.0.0.0_<port>` per port the gateway
// binds (the Service targetPort of the server port, see route/gateway-servers.ts), bound to the port. Plain HTTP
// servers share one filter chain with RDS `http.<port>`; terminated HTTPS servers get a chain each, matched by SNI
// (their hosts, except `*`), with a DownstreamTlsContext whose certificate comes over SDS (`kubernetes://...` for
// credentialName, Istio's workload certificate for ISTIO_MUTUAL; from the agent's `sds-grpc`) and RDS `https.<port>.<name>.<gw>.<ns>`;
// PASSTHROUGH servers get a chain per VirtualService TLS route (SNI -> tcp_proxy to the destination).
import {
  anyOf,
  type DownstreamTlsContext,
  hostsIntersect,
  type L4MatchAttributes,
  type Listener,
  type NetworkFilter,
  TypeUrl,
} from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import {
  gatewayHttpRouteName,
  gatewayHttpsRouteName,
  listenerName,
  SDS_DEFAULT,
  SDS_ROOT_CA,
  sdsSecretName,
  WILDCARD_ADDRESS,
} from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import {
  type GatewayServer,
  gatewayServers,
  serverProtocol,
  terminatesTls,
} from '../route/gateway-servers.js';
import type { RouteEnv } from '../route/http-route.js';
import { hcmFilter } from './http-connection-manager.js';
import {
  MAX_CONNECTIONS_PER_SOCKET_EVENT,
  outboundStatPrefix,
  TLS_INSPECTOR,
  TLS_INSPECTOR_BUFFER_BYTES,
  TRANSPORT_SOCKET_CONNECT_TIMEOUT,
} from './listener-names.js';
import { socketAddress } from './outbound.js';
import { sdsSecretConfig } from './sds.js';
import { routeTcpProxy } from './tcp-routes.js';

type FilterChain = NonNullable<Listener['filter_chains']>[number];

/** SNI names of a server: its hosts without the `ns/` part; none when a host is `*` (matches every SNI). */
function serverNames(s: GatewayServer): string[] {
  const names = s.server.hosts.map((h) => h.slice(h.indexOf('/') + 1));
  return names.includes('*') ? [] : [...new Set(names)].sort();
}

/** The DownstreamTlsContext of a terminated server, or undefined (with a message) when it has no certificate. */
function tlsContext(s: GatewayServer, sink: MessageSink): DownstreamTlsContext | undefined {
  const tls = s.server.tls;
  const mode = tls?.mode ?? 'SIMPLE';
  let cert: string;
  let ca: string | undefined;
  if (mode === 'ISTIO_MUTUAL') {
    cert = SDS_DEFAULT;
    ca = SDS_ROOT_CA;
  } else if (tls?.credentialName !== undefined) {
    cert = sdsSecretName(tls.credentialName);
    // Istio reads the CA of a MUTUAL server from `<credentialName>-cacert` (or the secret's ca.crt).
    if (mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL') ca = `${cert}-cacert`;
  } else if (tls?.serverCertificate !== undefined && tls.privateKey !== undefined) {
    cert = `file-cert:${tls.serverCertificate}~${tls.privateKey}`;
    if (tls.caCertificates !== undefined) ca = `file-root:${tls.caCertificates}`;
  } else {
    sink.about(
      s.gateway,
      'TR0005',
      'Error',
      `server ${s.server.port.name} (${s.server.port.number}) terminates TLS but names no credentialName or certificate files; it gets no listener chain`,
      ['spec', 'servers', s.index, 'tls'],
    );
    return undefined;
  }
  return {
    common_tls_context: {
      alpn_protocols: ['h2', 'http/1.1'],
      tls_params: { tls_minimum_protocol_version: 'TLSv1_2' },
      tls_certificate_sds_secret_configs: [sdsSecretConfig(cert)],
      ...(ca === undefined
        ? {}
        : {
            combined_validation_context: {
              default_validation_context: {},
              validation_context_sds_secret_config: sdsSecretConfig(ca),
            },
          }),
    },
    require_client_certificate: { value: mode === 'MUTUAL' || mode === 'ISTIO_MUTUAL' },
  };
}

function httpsChain(s: GatewayServer, sink: MessageSink): FilterChain | undefined {
  const ctx = tlsContext(s, sink);
  if (ctx === undefined) return undefined;
  const sni = serverNames(s);
  const ns = s.gateway.namespace ?? 'default';
  const rds = gatewayHttpsRouteName(s.server.port.number, s.server.port.name, s.gateway.name, ns);
  return {
    ...(sni.length > 0 ? { filter_chain_match: { server_names: sni } } : {}),
    filters: [
      hcmFilter({ statPrefix: outboundStatPrefix(WILDCARD_ADDRESS, s.listenPort), side: 'gateway', rds }),
    ],
    transport_socket: {
      name: 'envoy.transport_sockets.tls',
      typed_config: anyOf(TypeUrl.DOWNSTREAM_TLS_CONTEXT, ctx),
    },
  };
}

/** Chains of a PASSTHROUGH / TLS server: one per bound VirtualService TLS route whose SNI hosts it serves. */
function passthroughChains(
  s: GatewayServer,
  push: PushContext,
  sink: MessageSink,
  proxy: MeshProxy,
): FilterChain[] {
  const out: FilterChain[] = [];
  const hosts = s.server.hosts.map((h) => h.slice(h.indexOf('/') + 1));
  for (const vs of push.registry.virtualServicesFor(s.gateway.namespace ?? 'default', s.gatewayName)) {
    (vs.object.spec.tls ?? []).forEach((route, i) => {
      const snis = route.match
        .flatMap((m) => m.sniHosts)
        .filter((sni) => hosts.some((h) => hostsIntersect(sni, h)));
      const dest = route.route[0];
      if (snis.length === 0 || dest === undefined) return;
      const env = gatewayRouteEnv(s, push, sink, proxy);
      out.push({
        filter_chain_match: { server_names: [...new Set(snis)].sort() },
        filters: [routeTcpProxy(route, vs, 'tls', i, env)],
      });
    });
  }
  return out;
}

/** The route environment of a gateway server's TCP and TLS routes: the server's gateway and port. */
function gatewayRouteEnv(s: GatewayServer, push: PushContext, sink: MessageSink, proxy: MeshProxy): RouteEnv {
  return {
    push,
    sink,
    proxyNamespace: proxy.namespace,
    proxyLabels: proxy.labels,
    match: {
      gateway: s.gatewayName,
      resolveGateway: (g: string) => g,
      proxyLabels: proxy.labels,
      proxyNamespace: proxy.namespace,
      port: s.server.port.number,
    },
  };
}

/**
 * istiod's buildGatewayNetworkFiltersFromTCPRoutes: among the VirtualServices bound to the server's gateway whose
 * hosts meet the server's, the first TCP route whose matches hold for the server (port, gateways naming this
 * gateway, source labels and namespace) with a destination; weighted when it has several.
 */
function gatewayTcpFilter(
  s: GatewayServer,
  push: PushContext,
  sink: MessageSink,
  proxy: MeshProxy,
): NetworkFilter | undefined {
  const port = s.server.port.number;
  const applies = (m: L4MatchAttributes): boolean =>
    (m.port === undefined || m.port === 0 || m.port === port) &&
    (m.gateways === undefined || m.gateways.length === 0 || m.gateways.includes(s.gatewayName)) &&
    Object.entries(m.sourceLabels ?? {}).every(([k, v]) => proxy.labels[k] === v) &&
    (m.sourceNamespace === undefined || m.sourceNamespace === proxy.namespace);
  for (const vs of push.registry.virtualServicesFor(s.gateway.namespace ?? 'default', s.gatewayName)) {
    const hostsMeet = (vs.object.spec.hosts ?? []).some((h) =>
      s.server.hosts.some((sh) => hostsIntersect(h, hostPart(sh))),
    );
    if (!hostsMeet) continue;
    const routes = vs.object.spec.tcp ?? [];
    const index = routes.findIndex(
      (r) => r.route.length > 0 && ((r.match ?? []).length === 0 || (r.match ?? []).some(applies)),
    );
    const route = routes[index];
    if (route === undefined) continue;
    return routeTcpProxy(route, vs, 'tcp', index, gatewayRouteEnv(s, push, sink, proxy));
  }
  return undefined;
}

/** A Gateway server host without its `namespace/` prefix. */
function hostPart(serverHost: string): string {
  const slash = serverHost.indexOf('/');
  return slash < 0 ? serverHost : serverHost.slice(slash + 1);
}

export function gatewayListeners(proxy: MeshProxy, push: PushContext, sink: MessageSink): Listener[] {
  const byPort = new Map<number, GatewayServer[]>();
  for (const s of gatewayServers(push.registry, proxy)) {
    const list = byPort.get(s.listenPort) ?? [];
    list.push(s);
    byPort.set(s.listenPort, list);
  }
  const out: Listener[] = [];
  for (const [port, servers] of [...byPort.entries()].sort((a, b) => a[0] - b[0])) {
    const chains: FilterChain[] = [];
    let tlsInspector = false;
    let plainHttp = false;
    for (const s of servers) {
      const proto = serverProtocol(s.server);
      if (proto === 'HTTP') {
        if (plainHttp) continue; // every HTTP server of the port shares the one RDS chain
        plainHttp = true;
        chains.push({
          filters: [
            hcmFilter({
              statPrefix: outboundStatPrefix(WILDCARD_ADDRESS, port),
              side: 'gateway',
              rds: gatewayHttpRouteName(port),
            }),
          ],
        });
      } else if (terminatesTls(s.server)) {
        const chain = httpsChain(s, sink);
        if (chain !== undefined) chains.push(chain);
        tlsInspector = true;
      } else if (proto === 'TLS' || proto === 'HTTPS') {
        chains.push(...passthroughChains(s, push, sink, proxy));
        tlsInspector = true;
      } else {
        const filter = gatewayTcpFilter(s, push, sink, proxy);
        if (filter !== undefined) chains.push({ filters: [filter] });
      }
    }
    if (chains.length === 0) continue; // istiod sends no listener without chains
    out.push({
      name: listenerName(WILDCARD_ADDRESS, port),
      address: socketAddress(WILDCARD_ADDRESS, port),
      // istiod buildGatewayListener: every chain gets the transport socket connect timeout.
      filter_chains: chains.map((c) => ({
        ...c,
        transport_socket_connect_timeout: TRANSPORT_SOCKET_CONNECT_TIMEOUT,
      })),
      ...(tlsInspector
        ? {
            listener_filters: [
              {
                name: TLS_INSPECTOR,
                typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {
                  initial_read_buffer_size: { value: TLS_INSPECTOR_BUFFER_BYTES },
                }),
              },
            ],
          }
        : {}),
      traffic_direction: 'OUTBOUND',
      max_connections_to_accept_per_socket_event: { value: MAX_CONNECTIONS_PER_SOCKET_EVENT },
    });
  }
  return out;
}
