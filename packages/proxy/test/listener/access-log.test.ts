// The connection manager's access_log: a file logger with Istio 1.30's default text format (as istiod writes it,
// pilot/pkg/model/telemetry_logging.go EnvoyTextLogFormat) gets one line per request with the response flags, the
// upstream cluster and the route name; without a format, Envoy's default format; JSON formats are NACKed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anyOf, type Listener, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import {
  hcm,
  httpListener,
  ROUTER,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

const ISTIO_TEXT_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% ' +
  '%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% ' +
  '%BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" ' +
  '"%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS% ' +
  '%DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%\n';

let h: Harness;
let up: Upstream;
let dir: string;

function listener(name: string, port: number, file: string, format?: object): Listener {
  const log = { path: file, ...(format === undefined ? {} : { log_format: format }) };
  return httpListener(
    name,
    port,
    hcm({ rds: 'r' }, [ROUTER], {
      access_log: [{ name: 'envoy.access_loggers.file', typed_config: anyOf(TypeUrl.FILE_ACCESS_LOG, log) }],
    }),
  );
}

function resources(extra: Listener[] = []): Resources {
  return {
    clusters: [staticCluster('outbound|80||svc.default.svc.cluster.local', [up.port])],
    listeners: [
      listener('istio', 9080, join(dir, 'istio.log'), {
        text_format_source: { inline_string: ISTIO_TEXT_FORMAT },
      }),
      listener('plain', 9081, join(dir, 'plain.log')),
      ...extra,
    ],
    routes: [
      routeConfig('r', [
        vhost(
          'svc',
          ['*'],
          [routeTo('outbound|80||svc.default.svc.cluster.local', '/', { name: 'default' })],
        ),
      ]),
    ],
  };
}

const lines = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mesh-proxy-log-'));
  up = await startUpstream('svc');
  h = await startHarness(resources(), [9080, 9081]);
}, 15_000);

afterAll(async () => {
  await h?.close();
  await up?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HCM access_log', () => {
  it("writes Istio's default text format with cluster, addresses and route name", async () => {
    const port = h.proxy.listenerPort('istio') ?? 0;
    await send(port, '/a?b=1', { headers: { host: 'svc', 'user-agent': 'ua', 'x-request-id': 'rid' } });
    await waitFor(() => lines('istio.log').length === 1, 2_000, 'the log line');
    const line = lines('istio.log')[0] ?? '';
    expect(line).toMatch(
      new RegExp(
        `^\\[[\\d-]+T[\\d:.]+Z\\] "GET /a\\?b=1 HTTP/1\\.1" 200 - via_upstream - "-" 0 \\d+ \\d+ \\d+ "-" "ua" "rid" "svc" ` +
          `"127\\.0\\.0\\.1:${up.port}" outbound\\|80\\|\\|svc\\.default\\.svc\\.cluster\\.local - 127\\.0\\.0\\.1:${port} 127\\.0\\.0\\.1:\\d+ - default$`,
      ),
    );
  });
  it("writes Envoy's default format when the logger has none, with response flags", async () => {
    await send(h.proxy.listenerPort('plain') ?? 0, '/', { headers: { host: 'svc', 'x-test-status': '503' } });
    await waitFor(() => lines('plain.log').length === 1, 2_000, 'the log line');
    expect(lines('plain.log')[0]).toMatch(
      /^\[[\d-]+T[\d:.]+Z\] "GET \/ HTTP\/1\.1" 503 - 0 \d+ \d+ \d+ "-" "-" "[0-9a-f-]{36}" "svc" "127\.0\.0\.1:\d+"$/,
    );
  });
  it('NACKs a JSON format and an unknown operator', async () => {
    await h.push(resources([listener('json', 9082, join(dir, 'json.log'), { json_format: { fields: {} } })]));
    await waitFor(() => h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack !== undefined, 5_000, 'NACK');
    expect(h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack).toMatch(
      /JSON access log formats are not supported/,
    );
    await h.push(
      resources([
        listener('bad', 9083, join(dir, 'bad.log'), { text_format_source: { inline_string: '%NOPE%\n' } }),
      ]),
    );
    await waitFor(() => /%NOPE%/.test(h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack ?? ''), 5_000, 'NACK');
    expect(h.proxy.xds.typeState(TypeUrl.LISTENER).lastNack).toBe(
      'Listener "bad": filter_chains[0].filters[0]: access log operator %NOPE% is not supported',
    );
  });
});
