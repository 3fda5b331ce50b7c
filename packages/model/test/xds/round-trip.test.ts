import { describe, expect, it } from 'vitest';
import { decode, encode, packAny, unpackAny } from '../../src/xds/codec.js';
import { fromProto3Json, toProto3Json } from '../../src/xds/proto3-json.js';
import { typeUrlOf } from '../../src/xds/type-urls.js';
import {
  makeCluster,
  makeClusterLoadAssignment,
  makeCorsPolicy,
  makeDownstreamTlsContext,
  makeFault,
  makeFileAccessLog,
  makeHcm,
  makeListener,
  makeRbac,
  makeRootCaSecret,
  makeRouteConfig,
  makeSecret,
  makeTcpListener,
  makeTcpProxy,
  makeUpstreamTlsContext,
} from './fixtures.js';
import {
  makeBootstrap,
  makeClientStatusRequest,
  makeClientStatusResponse,
  makeDeltaRequest,
  makeDeltaResponse,
  makeDiscoveryRequest,
  makeDiscoveryResponse,
  makeHttpAccessLogEntry,
  makeStreamAccessLogsMessage,
} from './fixtures-services.js';

/** Every resource type the codec must carry, with a canonical fixture of it. */
const CASES: readonly (readonly [string, () => object])[] = [
  ['envoy.config.listener.v3.Listener', () => makeListener('0.0.0.0_9080', 9080, '9080')],
  ['envoy.config.listener.v3.Listener', () => makeTcpListener('10.0.0.7_3306', 3306, 'outbound|3306||mysql')],
  ['envoy.config.route.v3.RouteConfiguration', () => makeRouteConfig('9080')],
  ['envoy.config.route.v3.VirtualHost', () => makeRouteConfig('9080').virtual_hosts?.[0] ?? {}],
  ['envoy.config.cluster.v3.Cluster', () => makeCluster('outbound|9080||reviews.default.svc.cluster.local')],
  ['envoy.config.endpoint.v3.ClusterLoadAssignment', () => makeClusterLoadAssignment('reviews')],
  ['envoy.extensions.transport_sockets.tls.v3.Secret', () => makeSecret('default')],
  ['envoy.extensions.transport_sockets.tls.v3.Secret', () => makeRootCaSecret()],
  ['envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', () => makeUpstreamTlsContext('reviews')],
  ['envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext', () => makeDownstreamTlsContext()],
  [
    'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    () => makeHcm('9080'),
  ],
  ['envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', () => makeTcpProxy('outbound|3306||mysql')],
  ['envoy.extensions.filters.http.fault.v3.HTTPFault', () => makeFault()],
  ['envoy.extensions.filters.http.cors.v3.CorsPolicy', () => makeCorsPolicy()],
  ['envoy.extensions.filters.http.rbac.v3.RBAC', () => makeRbac()],
  ['envoy.config.accesslog.v3.AccessLog', () => makeFileAccessLog()],
  ['envoy.service.discovery.v3.DiscoveryRequest', () => makeDiscoveryRequest()],
  ['envoy.service.discovery.v3.DiscoveryResponse', () => makeDiscoveryResponse()],
  ['envoy.service.discovery.v3.DeltaDiscoveryRequest', () => makeDeltaRequest()],
  ['envoy.service.discovery.v3.DeltaDiscoveryResponse', () => makeDeltaResponse()],
  ['envoy.service.status.v3.ClientStatusRequest', () => makeClientStatusRequest()],
  ['envoy.service.status.v3.ClientStatusResponse', () => makeClientStatusResponse()],
  ['envoy.data.accesslog.v3.HTTPAccessLogEntry', () => makeHttpAccessLogEntry()],
  ['envoy.service.accesslog.v3.StreamAccessLogsMessage', () => makeStreamAccessLogsMessage()],
  ['envoy.config.bootstrap.v3.Bootstrap', () => makeBootstrap()],
];

describe('round trip of every resource type', () => {
  for (const [typeName, make] of CASES) {
    it(`${typeName}: encode -> decode`, () => {
      const value = make();
      const bytes = encode(typeName, value);
      expect(decode(typeName, bytes)).toEqual(value);
    });
    it(`${typeName}: toProto3Json -> fromProto3Json`, () => {
      const value = make();
      const json = toProto3Json(typeName, value);
      const text = JSON.stringify(json);
      expect(fromProto3Json(typeName, JSON.parse(text))).toEqual(value);
    });
    it(`${typeName}: packAny -> unpackAny`, () => {
      const value = make();
      const url = typeUrlOf(typeName);
      const packed = packAny({ '@type': url, ...value });
      expect(packed.value).toEqual(Buffer.from(encode(typeName, value)));
      expect(unpackAny(packed)).toEqual({ '@type': url, ...value });
    });
  }
});
