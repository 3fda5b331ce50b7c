// Runs a load: `connections` workers, each with its own connection, each sending its share of the requests one
// after another, paced so that all together keep `qps` (0: as fast as possible). A request that gets no
// answer (refused, reset, timed out) counts as code -1, as fortio counts it.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import type { LoadOptions } from './load-options.js';

export interface LoadResult {
  readonly url: string;
  readonly connections: number;
  readonly qps: number;
  /** Requests sent (answered or not). */
  readonly count: number;
  /** Wall time of the whole run in milliseconds. */
  readonly durationMs: number;
  /** Answers per status code, -1 for no answer; keys in ascending numeric order. */
  readonly codes: Readonly<Record<string, number>>;
  /** Latency of every request in milliseconds, ascending. */
  readonly latenciesMs: readonly number[];
  /** The first few reasons for code -1, for the report. */
  readonly errors: readonly string[];
}

/** One dispatcher per worker: one connection each (through HTTP_PROXY when set, as the apps do). */
export type DispatcherFactory = () => Dispatcher;

const defaultFactory: DispatcherFactory = () => new EnvHttpProxyAgent({ proxyTunnel: false, connections: 1 });

/** How many of `total` requests worker `i` of `workers` sends. */
function share(total: number, workers: number, i: number): number {
  return Math.floor(total / workers) + (i < total % workers ? 1 : 0);
}

export async function runLoad(
  options: LoadOptions,
  makeDispatcher: DispatcherFactory = defaultFactory,
): Promise<LoadResult> {
  const codes = new Map<number, number>();
  const latencies: number[] = [];
  const errors: string[] = [];
  const start = performance.now();
  const deadline = start + options.durationMs;
  // Each worker sends one request every `intervalMs`, so the workers together keep `qps`.
  const intervalMs = options.qps > 0 ? (1000 * options.connections) / options.qps : 0;

  const worker = async (i: number): Promise<void> => {
    const dispatcher = makeDispatcher();
    const limit =
      options.requests === undefined
        ? Number.POSITIVE_INFINITY
        : share(options.requests, options.connections, i);
    // Workers start spread over one interval, not all at once.
    const offset = (intervalMs * i) / options.connections;
    try {
      for (let k = 0; k < limit; k++) {
        const due = start + offset + k * intervalMs;
        const now = performance.now();
        if (options.requests === undefined && Math.max(now, due) >= deadline) break;
        if (due > now) await sleep(due - now);
        const t0 = performance.now();
        let code = -1;
        try {
          const res = await request(options.url, {
            method: 'GET',
            dispatcher,
            headers: options.headers,
            signal: AbortSignal.timeout(options.timeoutMs),
          });
          await res.body.dump();
          code = res.statusCode;
        } catch (err) {
          const e = err as Error & { code?: string };
          if (errors.length < 5)
            errors.push(
              e.name === 'TimeoutError' ? `timeout after ${options.timeoutMs}ms` : (e.code ?? e.message),
            );
        }
        latencies.push(performance.now() - t0);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    } finally {
      await dispatcher.close().catch(() => undefined);
    }
  };

  await Promise.all(Array.from({ length: options.connections }, (_, i) => worker(i)));
  latencies.sort((a, b) => a - b);
  const sortedCodes: Record<string, number> = {};
  for (const code of [...codes.keys()].sort((a, b) => a - b))
    sortedCodes[String(code)] = codes.get(code) ?? 0;
  return {
    url: options.url,
    connections: options.connections,
    qps: options.qps,
    count: latencies.length,
    durationMs: performance.now() - start,
    codes: sortedCodes,
    latenciesMs: latencies,
    errors,
  };
}
