// gRPC statuses in access logs (%GRPC_STATUS(X)%) and Istio's metrics (grpc_response_status), the router's local
// replies in gRPC form (Trailers-Only, HTTP 200), and grpc-timeout as Envoy applies it: the router's timeout under
// max_grpc_timeout (istiod's outbound routes; 0 = no cap, a finite value caps, the route timeout ignored) and the
// stream duration under max_stream_duration (istiod's inbound routes: DEADLINE_EXCEEDED, flag DT).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, status } from '@grpc/grpc-js';
import { anyOf, type RouteConfiguration, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, ROUTER, routeConfig, routeTo, vhost } from '../helpers/resources.js';
import { type GrpcServer, grpcClient, h2Cluster, rawCall, startGrpcServer, unary } from './grpc-fixture.js';
import { INBOUND_CLUSTER, inboundRoutes, OUTBOUND_ACTION, OUTBOUND_CLUSTER } from './topology.js';

const FORMAT =
  '%REQ(:PATH)% %RESPONSE_CODE% %RESPONSE_FLAGS% %GRPC_STATUS% %GRPC_STATUS(SNAKE_STRING)% %GRPC_STATUS(NUMBER)%\n';

let h: Harness;
let server: GrpcServer;
let client: Client;
let dir: string;

function inline(name: string, rc: RouteConfiguration, port: number, before: object[] = []) {
  return httpListener(
    name,
    port,
    // istiod's sidecar filters include grpc_stats (emit_filter_state, stats_for_all_methods false).
    hcm({ inline: rc }, [...before, GRPC_STATS, ROUTER] as Parameters<typeof hcm>[1], {
      access_log: [
        {
          name: 'envoy.access_loggers.file',
          typed_config: anyOf(TypeUrl.FILE_ACCESS_LOG, {
            path: join(dir, 'grpc.log'),
            log_format: { text_format_source: { inline_string: FORMAT } },
          }),
        },
      ],
    }),
  );
}

const GRPC_STATS = {
  name: 'envoy.filters.http.grpc_stats',
  typed_config: anyOf(TypeUrl.GRPC_STATS, {
    emit_filter_state: true,
    stats_for_all_methods: { value: false },
  }),
};

const oneRoute = (name: string, cluster: string, action: object) =>
  routeConfig(name, [vhost(name, ['*'], [routeTo(cluster, '/', { name: 'default' }, action)])]);

function logLines(): string[] {
  try {
    return readFileSync(join(dir, 'grpc.log'), 'utf8').trim().split('\n');
  } catch {
    return []; // not written yet
  }
}
/** The log file's last line once it is `line` (the file logger writes asynchronously); bounded wait. */
async function lastLine(line: string): Promise<string | undefined> {
  await waitFor(() => logLines().at(-1) === line, 3_000, `the log line ${line}`).catch(() => undefined);
  return logLines().at(-1);
}
const port = (name: string) => h.proxy.listenerPort(name) ?? 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grpc-log-'));
  server = await startGrpcServer();
  h = await startHarness(
    {
      clusters: [
        h2Cluster(OUTBOUND_CLUSTER, [server.port]),
        h2Cluster(INBOUND_CLUSTER, [server.port]),
        h2Cluster('no-hosts', []),
      ],
      listeners: [
        inline('out', oneRoute('out', OUTBOUND_CLUSTER, OUTBOUND_ACTION), 9080),
        inline('in', inboundRoutes(), 9081),
        inline('empty', oneRoute('empty', 'no-hosts', OUTBOUND_ACTION), 9082),
        inline(
          'capped',
          oneRoute('capped', OUTBOUND_CLUSTER, { max_grpc_timeout: { nanos: 300_000_000 } }),
          9083,
        ),
        inline(
          'route-timeout',
          oneRoute('route-timeout', OUTBOUND_CLUSTER, {
            timeout: { nanos: 200_000_000 },
            max_grpc_timeout: {},
          }),
          9084,
        ),
        // Istio's `fault.abort.grpcStatus: UNAVAILABLE` for every request.
        inline('fault', oneRoute('fault', OUTBOUND_CLUSTER, OUTBOUND_ACTION), 9086, [
          {
            name: 'envoy.filters.http.fault',
            typed_config: anyOf(TypeUrl.HTTP_FAULT, {
              abort: { grpc_status: 14, percentage: { numerator: 100, denominator: 'HUNDRED' } },
            }),
          },
        ]),
        // No route matches a gRPC path: NR.
        inline(
          'no-route',
          routeConfig('no-route', [vhost('no-route', ['*'], [routeTo(OUTBOUND_CLUSTER, '/elsewhere/')])]),
          9087,
        ),
        inline(
          'plain',
          routeConfig('plain', [
            vhost('plain', ['*'], [{ match: { prefix: '/' }, direct_response: { status: 200 } }]),
          ]),
          9085,
        ),
      ],
    },
    [9080, 9081, 9082, 9083, 9084, 9085, 9086, 9087],
  );
  client = grpcClient(port('out'));
}, 20_000);

afterAll(async () => {
  client?.close();
  await h?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gRPC status in logs and metrics', () => {
  it('prints %GRPC_STATUS% in its three forms, "-" for requests that are not gRPC', async () => {
    expect(await unary(client, 'ok')).toEqual({ reply: 'hello ok' });
    expect((await unary(client, 'missing')).code).toBe(status.NOT_FOUND);
    expect((await send(port('plain'), '/x')).status).toBe(200);
    await waitFor(() => logLines().length >= 3, 3_000, 'three log lines');
    expect(logLines().slice(-3)).toEqual([
      '/test.Echo/Say 200 - OK OK 0',
      '/test.Echo/Say 200 - NotFound NOT_FOUND 5',
      '/x 200 - - - -',
    ]);
  });

  it('labels istio_requests_total with request_protocol grpc and grpc_response_status', async () => {
    const text = (await send(h.proxy.adminPort, '/stats/prometheus')).body;
    const series = text.split('\n').filter((l) => l.startsWith('istio_requests_total{'));
    const notFound = series.find((l) => l.includes('grpc_response_status="5"'));
    expect(notFound).toContain('request_protocol="grpc"');
    expect(notFound).toContain('response_code="200"');
    expect(notFound?.endsWith(' 1')).toBe(true);
    expect(series.find((l) => l.includes('grpc_response_status="0"'))).toBeDefined();
    const plain = series.find(
      (l) => l.includes('response_code="200"') && l.includes('request_protocol="http"'),
    );
    expect(plain).toContain('grpc_response_status=""');
  });

  it('counts calls by gRPC status read from the trailers (grpc_stats: success, failure and per code)', async () => {
    const stat = (s: string) => h.proxy.stats.value(`cluster.${OUTBOUND_CLUSTER}.grpc.${s}`);
    const before = { ok: stat('0'), notFound: stat('5'), success: stat('success'), failure: stat('failure') };
    expect(await unary(client, 'ok')).toEqual({ reply: 'hello ok' });
    expect((await unary(client, 'missing')).code).toBe(status.NOT_FOUND);
    await waitFor(() => stat('failure') === before.failure + 1, 3_000, 'the failed call counted');
    expect([stat('0') - before.ok, stat('5') - before.notFound, stat('success') - before.success]).toEqual([
      1, 1, 1,
    ]);
  });

  it('answers a local reply in gRPC form: no healthy upstream is UNAVAILABLE, HTTP 200, flag UH', async () => {
    const empty = grpcClient(port('empty'));
    try {
      expect(await unary(empty, 'x')).toMatchObject({
        code: status.UNAVAILABLE,
        details: 'no healthy upstream',
      });
    } finally {
      empty.close();
    }
    expect(h.logs.at(-1)).toMatchObject({ responseCode: 200, responseFlags: 'UH' });
    expect(await lastLine('/test.Echo/Say 200 UH Unavailable UNAVAILABLE 14')).toBe(
      '/test.Echo/Say 200 UH Unavailable UNAVAILABLE 14',
    );
  });
});

describe("the connection manager's local replies in gRPC form", () => {
  it('a fault abort with grpc_status answers that status (HTTP 200, flag FI); a plain request gets HTTP 200', async () => {
    const calls = server.metadata.length;
    const c = grpcClient(port('fault'));
    try {
      expect(await unary(c, 'x')).toMatchObject({ code: status.UNAVAILABLE, details: 'fault filter abort' });
    } finally {
      c.close();
    }
    expect(h.logs.at(-1)).toMatchObject({ responseCode: 200, responseFlags: 'FI' });
    const plain = await send(port('fault'), '/x');
    expect([plain.status, plain.body]).toEqual([200, 'fault filter abort']);
    expect(server.metadata.length).toBe(calls); // the call never reached the server
  });

  it('no route is UNIMPLEMENTED (404 mapped), HTTP 200, flag NR', async () => {
    const c = grpcClient(port('no-route'));
    try {
      expect((await unary(c, 'x')).code).toBe(status.UNIMPLEMENTED);
    } finally {
      c.close();
    }
    expect(h.logs.at(-1)).toMatchObject({ responseCode: 200, responseFlags: 'NR' });
  });
});

describe('grpc-timeout', () => {
  it('bounds the call under max_grpc_timeout 0 (outbound): 504 UT in gRPC form, the server call cancelled', async () => {
    const call = rawCall(port('out'), 'Say', 'slow:3000', { 'grpc-timeout': '200m' });
    const headers = await call.headers;
    expect([headers[':status'], headers['grpc-status']]).toEqual([200, '14']);
    expect(headers['grpc-message']).toBe('upstream request timeout');
    await call.done;
    expect(h.logs.at(-1)?.responseFlags).toBe('UT');
    await waitFor(() => server.cancelled.length === 1, 3_000, 'the server to see the cancellation');
  });

  it('caps grpc-timeout (or its absence) with a finite max_grpc_timeout', async () => {
    const call = rawCall(port('capped'), 'Say', 'slow:3000', { 'grpc-timeout': '100S' });
    expect((await call.headers)['grpc-status']).toBe('14');
    await call.done;
    const bare = rawCall(port('capped'), 'Say', 'slow:3000');
    expect((await bare.headers)['grpc-status']).toBe('14');
    await bare.done;
    expect(h.logs.slice(-2).map((l) => l.responseFlags)).toEqual(['UT', 'UT']);
  });

  it('ignores the route timeout for gRPC requests when max_grpc_timeout is set (0: no limit)', async () => {
    const c = grpcClient(port('route-timeout'));
    try {
      expect(await unary(c, 'slow:600')).toEqual({ reply: 'slow reply' });
    } finally {
      c.close();
    }
  });

  it('applies grpc-timeout as the stream duration under max_stream_duration (inbound): DEADLINE_EXCEEDED, DT', async () => {
    const call = rawCall(port('in'), 'Say', 'slow:3000', { 'grpc-timeout': '200m' });
    const headers = await call.headers;
    expect([headers[':status'], headers['grpc-status']]).toEqual([200, '4']);
    expect(headers['grpc-message']).toBe('downstream duration timeout');
    await call.done;
    expect(h.logs.at(-1)).toMatchObject({ responseCode: 200, responseFlags: 'DT' });
    expect(await lastLine('/test.Echo/Say 200 DT DeadlineExceeded DEADLINE_EXCEEDED 4')).toBe(
      '/test.Echo/Say 200 DT DeadlineExceeded DEADLINE_EXCEEDED 4',
    );
  });

  it('leaves a call without grpc-timeout alone under max_stream_duration 0', async () => {
    const c = grpcClient(port('in'));
    try {
      expect(await unary(c, 'slow:300')).toEqual({ reply: 'slow reply' });
    } finally {
      c.close();
    }
  });
});
