// The bad-peer suites' proxy: one real proxy over ADS with two HTTP listeners to a real node:http upstream.
// "guarded" (LDS 9080) has Envoy's default size limits and short timeouts so that slow peers are cut within a
// bounded test: request_headers_timeout 300 ms, request_timeout 250 ms, stream_idle_timeout 400 ms,
// common_http_protocol_options.idle_timeout 1 s; its HTTP/2 clients get max_concurrent_streams 4. "small" (LDS
// 9081) has max_request_headers_kb 1 and max_headers_count 10, and a file access log (`logFile`). `healthy` is the check after every hostile input:
// a normal request from another client still gets its 200. Paths under /local are answered by the proxy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anyOf, TypeUrl } from '@minimesh/model';
import { expect } from 'vitest';
import type { AccessLogEntry } from '../../src/index.js';
import { type Harness, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

export interface BadPeerEnv {
  readonly h: Harness;
  readonly web: Upstream;
  readonly guarded: number;
  readonly small: number;
  /** The "small" listener's access log file (Envoy's format with response flags and code details). */
  readonly logFile: string;
  close(): Promise<void>;
}

export async function startBadPeerEnv(): Promise<BadPeerEnv> {
  const web = await startUpstream('web');
  const dir = mkdtempSync(join(tmpdir(), 'bad-peers-'));
  const logFile = join(dir, 'small.log');
  const format =
    '"%REQ(:METHOD)% %REQ(:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% ' +
    '%BYTES_SENT% %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%\n';
  const accessLog = {
    name: 'envoy.access_loggers.file',
    typed_config: anyOf(TypeUrl.FILE_ACCESS_LOG, {
      path: logFile,
      log_format: { text_format_source: { inline_string: format } },
    }),
  };
  const guarded = httpListener(
    'guarded',
    9080,
    hcm({ rds: 'r' }, undefined, {
      stat_prefix: 'guarded',
      request_headers_timeout: { nanos: 300_000_000 },
      request_timeout: { nanos: 250_000_000 },
      stream_idle_timeout: { nanos: 400_000_000 },
      common_http_protocol_options: { idle_timeout: { seconds: '1' } },
      http2_protocol_options: { max_concurrent_streams: { value: 4 } },
    }),
  );
  const small = httpListener(
    'small',
    9081,
    hcm({ rds: 'r' }, undefined, {
      stat_prefix: 'small',
      max_request_headers_kb: { value: 1 },
      access_log: [accessLog],
      common_http_protocol_options: { max_headers_count: { value: 10 } },
    }),
  );
  const h = await startHarness(
    {
      clusters: [staticCluster('web', [web.port])],
      listeners: [guarded, small],
      routes: [
        routeConfig('r', [
          vhost(
            'all',
            ['*'],
            [
              // Answered by the proxy itself (the upstream, node:http, has its own 16 KiB head limit).
              { match: { prefix: '/local' }, direct_response: { status: 200 } },
              routeTo('web'),
            ],
          ),
        ]),
      ],
    },
    [9080, 9081],
  );
  return {
    h,
    web,
    guarded: h.proxy.listenerPort('guarded') ?? 0,
    small: h.proxy.listenerPort('small') ?? 0,
    logFile,
    async close() {
      await h.close();
      await web.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A normal request from another client on each listener still succeeds (the proxy neither crashed nor stalled). */
export async function healthy(env: BadPeerEnv): Promise<void> {
  for (const port of [env.guarded, env.small]) {
    const r = await send(port, '/healthy', { timeoutMs: 3_000 });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('web');
  }
}

/** The first access log entry after index `from` with `status` (waits, bounded). */
export async function logged(env: BadPeerEnv, from: number, status: number): Promise<AccessLogEntry> {
  let found: AccessLogEntry | undefined;
  await waitFor(
    () => {
      found = env.h.logs.slice(from).find((e) => e.responseCode === status);
      return found !== undefined;
    },
    3_000,
    `an access log entry with ${status}`,
  );
  return found as AccessLogEntry;
}
