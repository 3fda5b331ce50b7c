// envoy.access_loggers.http_grpc end to end: a real proxy configured over a real ADS stream logs every request to
// a real @grpc/grpc-js AccessLogService through the STATIC h2 cluster envoy_accesslog_service. The server gets
// the identifier (the proxy's node, the log name) in the first message of a stream, then HTTPAccessLogEntry
// batches with the request's fields, the upstream cluster, the route name and the response flags; flushes happen
// by size and by interval; one stream per (cluster, log_name) survives config pushes; the stream reconnects after
// the server restarts, and the entries buffered meanwhile are bounded (the oldest dropped and counted).
import { once } from 'node:events';
import { connect } from 'node:http2';
import { anyOf, type HttpConnectionManager, type Listener, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import {
  hcm,
  httpListener,
  NODE_ID,
  ROUTER,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { type AlsCall, type AlsServer, startAlsServer } from './als-server.js';

const ALS = 'envoy_accesslog_service';
const SVC = 'outbound|80||svc.default.svc.cluster.local';
const FAULT = 'envoy.filters.http.fault';
const HOUR = { seconds: '3600' };

let h: Harness;
let up: Upstream;
let als: AlsServer;

type AccessLog = NonNullable<HttpConnectionManager['access_log']>[number];

function grpcLog(logName: string, common: object = {}, extra: object = {}, cluster = ALS): AccessLog {
  return {
    name: 'envoy.access_loggers.http_grpc',
    typed_config: anyOf(TypeUrl.HTTP_GRPC_ACCESS_LOG, {
      common_config: {
        log_name: logName,
        grpc_service: { envoy_grpc: { cluster_name: cluster } },
        transport_api_version: 'V3',
        ...common,
      },
      ...extra,
    }),
  };
}

function listener(name: string, port: number, logs: AccessLog[]): Listener {
  return httpListener(
    name,
    port,
    hcm({ rds: 'r' }, [{ name: FAULT, typed_config: anyOf(TypeUrl.HTTP_FAULT, {}) }, ROUTER], {
      access_log: logs,
    }),
  );
}

/** `main` flushes by interval only (100 ms, a 1 MiB buffer); `sized` by size only (1 byte, an hour). */
function resources(extra: { listeners?: Listener[]; clusters?: Resources['clusters'] } = {}): Resources {
  const h2 = {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS, {
      explicit_http_config: { http2_protocol_options: {} },
    }),
  };
  return {
    clusters: [
      staticCluster(SVC, [up.port]),
      staticCluster(ALS, [als.port], { typed_extension_protocol_options: h2 }),
      ...(extra.clusters ?? []),
    ],
    listeners: [
      listener('main', 9080, [
        grpcLog(
          'main',
          {
            buffer_flush_interval: { nanos: 100_000_000 },
            buffer_size_bytes: { value: 1 << 20 },
            // As istiod writes it: the proxy has no filter state, so nothing is logged for these.
            filter_state_objects_to_log: ['wasm.upstream_peer', 'wasm.downstream_peer'],
          },
          {
            additional_request_headers_to_log: ['X-Log-Me'],
            additional_response_headers_to_log: ['content-type'],
          },
        ),
      ]),
      listener('sized', 9081, [
        grpcLog(
          'sized',
          { buffer_flush_interval: HOUR, buffer_size_bytes: { value: 1 } },
          { additional_request_headers_to_log: ['x-big'] },
        ),
      ]),
      ...(extra.listeners ?? []),
    ],
    routes: [
      routeConfig('r', [
        vhost(
          'svc',
          ['svc'],
          [
            routeTo(SVC, '/abort', {
              name: 'abort',
              typed_per_filter_config: {
                [FAULT]: anyOf(TypeUrl.HTTP_FAULT, {
                  abort: { http_status: 503, percentage: { numerator: 100, denominator: 'HUNDRED' } },
                }),
              },
            }),
            routeTo(SVC, '/', { name: 'default' }),
          ],
        ),
      ]),
    ],
  };
}

const callsOf = (logName: string): AlsCall[] =>
  als.calls.filter((c) => c.messages[0]?.identifier?.log_name === logName);
const entryFor = (path: string) => als.entries().find((e) => e.request?.path === path);
const stat = (name: string) => h.proxy.stats.value(`access_logs.grpc_access_log.${name}`);

async function statsText(): Promise<string> {
  const r = await send(h.proxy.adminPort, '/stats');
  return r.body;
}

beforeAll(async () => {
  up = await startUpstream('svc');
  als = await startAlsServer();
  h = await startHarness(resources(), [9080, 9081, 9082, 9083, 9084]);
}, 20_000);

afterAll(async () => {
  await h?.close();
  await als?.close();
  await up?.close();
});

describe('envoy.access_loggers.http_grpc', () => {
  it('opens one stream whose first message carries the identifier, then entries with the request fields', async () => {
    const port = h.proxy.listenerPort('main') ?? 0;
    const r = await send(port, '/hello?x=1', {
      headers: {
        host: 'svc',
        'user-agent': 'ua-test',
        'x-log-me': 'yes',
        'x-request-id': 'rid-1',
        referer: 'ref',
      },
    });
    expect(r.status).toBe(200);
    await waitFor(() => entryFor('/hello?x=1') !== undefined, 5_000, 'the entry');
    const [call] = callsOf('main');
    const first = call?.messages[0];
    expect(first?.identifier?.node?.id).toBe(NODE_ID);
    expect(first?.identifier?.node?.user_agent_name).toBe('minimesh-proxy');
    expect(first?.identifier?.log_name).toBe('main');
    const e = entryFor('/hello?x=1');
    expect(e?.protocol_version).toBe('HTTP11');
    expect(e?.request).toMatchObject({
      request_method: 'GET',
      scheme: 'http',
      authority: 'svc',
      path: '/hello?x=1',
      user_agent: 'ua-test',
      referer: 'ref',
      request_id: 'rid-1',
      request_headers: { 'x-log-me': 'yes' },
    });
    expect(Number(e?.request?.request_headers_bytes)).toBeGreaterThan(0);
    expect(e?.response?.response_code?.value).toBe(200);
    expect(e?.response?.response_code_details).toBe('via_upstream');
    expect(e?.response?.response_headers?.['content-type']).toMatch(/json/);
    expect(Number(e?.response?.response_body_bytes)).toBe(r.body.length);
    const common = e?.common_properties;
    expect(common?.upstream_cluster).toBe(SVC);
    expect(common?.route_name).toBe('default');
    expect(common?.upstream_remote_address?.socket_address).toMatchObject({
      address: '127.0.0.1',
      port_value: up.port,
    });
    expect(common?.downstream_local_address?.socket_address?.port_value).toBe(port);
    expect(common?.downstream_remote_address?.socket_address?.address).toBe('127.0.0.1');
    expect(Number(common?.start_time?.seconds)).toBeGreaterThan(1_700_000_000);
    expect(common?.response_flags ?? null).toBeNull();
    // Durations: the upstream's first byte came before the last byte sent downstream.
    const ms = (d: { seconds?: unknown; nanos?: number } | null | undefined) =>
      Number(String(d?.seconds ?? 0)) * 1000 + (d?.nanos ?? 0) / 1e6;
    expect(common?.time_to_first_upstream_rx_byte).toBeDefined();
    expect(ms(common?.time_to_last_downstream_tx_byte)).toBeGreaterThanOrEqual(
      ms(common?.time_to_first_upstream_rx_byte),
    );
  });

  it('sets the response flags: fault_injected for a fault abort, no_route_found for NR', async () => {
    const port = h.proxy.listenerPort('main') ?? 0;
    expect((await send(port, '/abort/1', { headers: { host: 'svc' } })).status).toBe(503);
    expect((await send(port, '/nr', { headers: { host: 'elsewhere' } })).status).toBe(404);
    await waitFor(
      () => entryFor('/abort/1') !== undefined && entryFor('/nr') !== undefined,
      5_000,
      'entries',
    );
    const abort = entryFor('/abort/1');
    expect(abort?.common_properties?.response_flags?.fault_injected).toBe(true);
    expect(abort?.common_properties?.route_name).toBe('abort');
    expect(abort?.response?.response_code?.value).toBe(503);
    expect(abort?.response?.response_code_details).toBe('fault_filter_abort');
    const nr = entryFor('/nr');
    expect(nr?.common_properties?.response_flags?.no_route_found).toBe(true);
    expect(nr?.common_properties?.response_flags?.fault_injected ?? false).toBe(false);
    expect(nr?.response?.response_code?.value).toBe(404);
  });

  it('logs an h2c request as HTTP2 with its authority and status', async () => {
    const session = connect(`http://127.0.0.1:${h.proxy.listenerPort('main') ?? 0}`);
    const req = session.request({ ':path': '/over-h2', ':authority': 'svc' });
    const status = await new Promise<number>((resolve, reject) => {
      req.on('response', (headers) => resolve(Number(headers[':status'])));
      req.on('error', reject);
    });
    req.resume();
    await once(req, 'end');
    session.close();
    expect(status).toBe(200);
    await waitFor(() => entryFor('/over-h2') !== undefined, 5_000, 'the entry');
    const e = entryFor('/over-h2');
    expect(e?.protocol_version).toBe('HTTP2');
    expect(e?.request?.authority).toBe('svc');
    expect(e?.response?.response_code?.value).toBe(200);
    expect(e?.common_properties?.upstream_cluster).toBe(SVC);
  });

  it('flushes by size at once when the interval is an hour', async () => {
    await send(h.proxy.listenerPort('sized') ?? 0, '/by-size', { headers: { host: 'svc' } });
    await waitFor(() => entryFor('/by-size') !== undefined, 5_000, 'the entry sent by size');
    expect(callsOf('sized')).toHaveLength(1);
    expect(callsOf('sized')[0]?.messages[0]?.identifier?.log_name).toBe('sized');
  });

  it('shares the stream of a (cluster, log_name) across listeners and config pushes', async () => {
    const before = callsOf('main').length;
    await h.push(resources({ listeners: [listener('main2', 9082, [grpcLog('main')])] }));
    await send(h.proxy.listenerPort('main') ?? 0, '/after-push', { headers: { host: 'svc' } });
    await send(h.proxy.listenerPort('main2') ?? 0, '/other-listener', { headers: { host: 'svc' } });
    await waitFor(
      () => entryFor('/after-push') !== undefined && entryFor('/other-listener') !== undefined,
      5_000,
      'entries after the push',
    );
    expect(before).toBe(1);
    expect(callsOf('main')).toHaveLength(1);
    const messages = callsOf('main')[0]?.messages ?? [];
    expect(messages.filter((m) => m.identifier !== undefined && m.identifier !== null)).toHaveLength(1);
    expect(messages.length).toBeGreaterThan(1);
    expect(stat('logs_written')).toBe(als.entries().length);
    expect(await statsText()).toContain(`access_logs.grpc_access_log.logs_written: ${als.entries().length}`);
  });

  it('keeps entries for a cluster that arrives later', async () => {
    await h.push(
      resources({
        listeners: [
          listener('later', 9083, [
            grpcLog('later', { buffer_flush_interval: { nanos: 50_000_000 } }, {}, 'als-later'),
          ]),
        ],
      }),
    );
    await send(h.proxy.listenerPort('later') ?? 0, '/before-cluster', { headers: { host: 'svc' } });
    expect(callsOf('later')).toHaveLength(0);
    await h.push(
      resources({
        listeners: [
          listener('later', 9083, [
            grpcLog('later', { buffer_flush_interval: { nanos: 50_000_000 } }, {}, 'als-later'),
          ]),
        ],
        clusters: [
          staticCluster('als-later', [als.port], {
            typed_extension_protocol_options: {
              'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
                TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
                {
                  explicit_http_config: { http2_protocol_options: {} },
                },
              ),
            },
          }),
        ],
      }),
    );
    await waitFor(() => entryFor('/before-cluster') !== undefined, 5_000, 'the buffered entry');
    expect(callsOf('later')).toHaveLength(1);
  });

  it('reconnects after the server restarts; entries buffered meanwhile are bounded, the oldest dropped', async () => {
    const port = h.proxy.listenerPort('sized') ?? 0;
    const big = 'b'.repeat(4096);
    const droppedBefore = stat('logs_dropped');
    const sizedCalls = callsOf('sized').length;
    await als.restart(async () => {
      // Entries written to a call the proxy still believes up would be lost, neither received nor dropped.
      await waitFor(
        () => h.proxy.grpcAccessLoggers.all().every((s) => !s.connected),
        5_000,
        'the proxy to see its calls end',
      );
      for (let i = 0; i < 8; i++) {
        await send(port, `/down-${i}`, { headers: { host: 'svc', 'x-big': big } });
      }
    });
    await waitFor(() => entryFor('/down-7') !== undefined, 15_000, 'the entries after the restart');
    const fresh = callsOf('sized').slice(sizedCalls);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.messages[0]?.identifier?.node?.id).toBe(NODE_ID);
    // 8 entries of about 4.2 KiB against the 16 KiB bound: the oldest went, the newest came.
    expect(entryFor('/down-0')).toBeUndefined();
    expect(entryFor('/down-7')?.request?.request_headers?.['x-big']).toBe(big);
    const dropped = stat('logs_dropped') - droppedBefore;
    expect(dropped).toBeGreaterThan(0);
    const received = [...Array(8).keys()].filter((i) => entryFor(`/down-${i}`) !== undefined).length;
    expect(received + dropped).toBe(8);
    expect(await statsText()).toContain(`access_logs.grpc_access_log.logs_dropped: ${stat('logs_dropped')}`);
  });

  it('NACKs google_grpc and access log filters', async () => {
    const lastNack = () => h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack ?? '';
    await h.push(
      resources({
        listeners: [
          listener('google', 9084, [
            grpcLog('g', {
              grpc_service: { google_grpc: { target_uri: '127.0.0.1:1', stat_prefix: 'als' } },
            }),
          ]),
        ],
      }),
    );
    await waitFor(() => /google_grpc/.test(lastNack()), 5_000, 'the NACK');
    expect(lastNack()).toBe(
      'Listener "google": filter_chains[0].filters[0]: HttpConnectionManager.access_log[0].typed_config.common_config.grpc_service.google_grpc: ' +
        'the Google C++ gRPC client is not available in this proxy; expected envoy_grpc { cluster_name }',
    );
    const filtered = {
      ...grpcLog('f'),
      filter: {
        status_code_filter: {
          comparison: { op: 'GE' as const, value: { default_value: 400, runtime_key: 'k' } },
        },
      },
    };
    await h.push(resources({ listeners: [listener('filtered', 9084, [filtered])] }));
    await waitFor(() => /filters are not supported/.test(lastNack()), 5_000, 'the NACK');
    expect(lastNack()).toMatch(
      /Listener "filtered": .*access_log\[0\]: access log filters are not supported/,
    );
  });
});
