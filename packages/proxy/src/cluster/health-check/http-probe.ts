// The HTTP/1.1 health check (HealthCheck.http_health_check): a request with the configured method, path and
// host (the cluster's name by default), `user-agent: Envoy/HC` and request_headers_to_add, on the proxy's own
// HTTP/1.1 client (src/http1), kept alive between checks when reuse_connection is true (Envoy's default). The
// status decides: in expected_statuses (default 200) is a success; in retriable_statuses a failure that counts
// toward unhealthy_threshold; any other an "active" failure, as is a body whose first response_buffer_size bytes
// lack the `receive` blocks (in order, not necessarily contiguous). No answer within the timeout, a refused
// connection or a reset is a network failure. The body is otherwise read and discarded.

import { TryCancel } from '../../http/try-cancel.js';
import { H1Pool } from '../../http1/client-pool.js';
import type { UpstreamBody } from '../upstream-body.js';
import type { HttpCheckConfig, StatusRange } from './health-check-config.js';
import { containsInOrder, PROBE_NETWORK, PROBE_OK, type Probe, type ProbeResult } from './probe.js';

/** A body that lacks the expected payloads fails the host at once (Envoy's "active" failure). */
const PROBE_MISMATCH: ProbeResult = Object.freeze({ ok: false, failure: 'active', retriable: false });

/** The first `limit` bytes of a body (the rest is read and dropped); rejects if the body fails. */
function readPrefix(body: UpstreamBody, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.flow({
      data(chunk) {
        if (size >= limit) return;
        const part = chunk.length > limit - size ? chunk.subarray(0, limit - size) : chunk;
        chunks.push(Buffer.from(part));
        size += part.length;
      },
      end: () => resolve(Buffer.concat(chunks)),
      error: reject,
    });
  });
}

function inRanges(code: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((r) => code >= r.start && code < r.end);
}

export class HttpProbe implements Probe {
  #pool: H1Pool | undefined;
  readonly #headers: Record<string, string>;

  constructor(
    private readonly address: string,
    private readonly port: number,
    private readonly config: HttpCheckConfig,
    private readonly reuseConnection: boolean,
  ) {
    const headers: Record<string, string> = { host: config.host, 'user-agent': 'Envoy/HC' };
    for (const n of config.remove) delete headers[n];
    Object.assign(headers, config.headers);
    this.#headers = headers;
  }

  async check(timeoutMs: number): Promise<ProbeResult> {
    this.#pool ??= new H1Pool(this.address, this.port);
    const pool = this.#pool;
    const cancel = new TryCancel();
    const timer = setTimeout(() => cancel.abort(), timeoutMs);
    let result: ProbeResult;
    try {
      const res = await pool.request({
        method: this.config.method,
        path: this.config.path,
        headers: this.#headers,
        body: undefined,
        connectTimeoutMs: timeoutMs,
        signal: cancel,
      });
      const receive = this.config.receive;
      const body =
        receive.length === 0 ? undefined : await readPrefix(res.body, this.config.responseBufferSize);
      if (body === undefined) await res.body.dump();
      const code = res.statusCode;
      if (cancel.aborted) result = PROBE_NETWORK;
      else if (!inRanges(code, this.config.expected)) {
        result = { ok: false, failure: 'active', retriable: inRanges(code, this.config.retriable) };
      } else if (body !== undefined && !containsInOrder(body, receive)) result = PROBE_MISMATCH;
      else result = PROBE_OK;
    } catch {
      result = PROBE_NETWORK;
    } finally {
      clearTimeout(timer);
    }
    if (!this.reuseConnection || !result.ok) this.close();
    return result;
  }

  close(): void {
    const p = this.#pool;
    this.#pool = undefined;
    if (p !== undefined) void p.destroy().catch(() => undefined);
  }
}
