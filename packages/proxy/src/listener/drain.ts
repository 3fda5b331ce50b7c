// Draining a listening socket, as Envoy drains a listener that an LDS update removed (or moved to another
// address) and every listener on shutdown: the listening socket closes (new connections are refused); an HTTP/1.1
// connection serving a request closes after its response, which says `connection: close` (Envoy's HTTP/1.1 codec
// while draining); an idle one is answered the same way if a request comes, and closed when it stayed idle for
// the HCM's drain_timeout (5 s) or the drain time if shorter; HTTP/2 sessions get a GOAWAY and close once their
// streams end; whatever is still open when the drain time is up (a long request, a TCP proxied connection) is
// closed at once. Istio runs Envoy with `--drain-strategy immediate`: every connection is told at the start of the
// drain, not gradually, which is what this does.
import type { Server } from 'node:net';

/**
 * Default drain time, ms: Istio's `terminationDrainDuration` (ProxyConfig, default 5 s), how long pilot-agent lets
 * Envoy drain on SIGTERM before it is stopped. (Envoy's own `--drain-time-s` defaults to 600 s; pilot-agent passes
 * ProxyConfig.drainDuration, default 45 s, for listener updates. One value bounds both drains here.)
 */
export const DEFAULT_DRAIN_TIME_MS = 5_000;

/**
 * How long a draining idle HTTP/1.1 connection stays open for a last request, ms: the HCM's drain_timeout
 * (http_connection_manager.proto, default 5 s), capped by the drain time.
 */
export const HCM_DRAIN_TIMEOUT_MS = 5_000;

/** How a drain ended: every connection closed by itself, or the drain time ran out and the rest were closed. */
export type DrainOutcome = 'drained' | 'forced';

/** Something that can be drained: a listener's server, or the forward proxy's. */
export interface Drainable {
  readonly server: Server;
  /** Drains the open connections (see above); idle ones close after `graceMs`. Stops no accepting. */
  closeIdle(graceMs: number): void;
  /** Destroys every connection at once. */
  closeAll(): void;
  /** Resolves once no connection is open. */
  whenEmpty(): Promise<void>;
}

/** Drains `target` for at most `drainTimeMs` (0: close everything at once). Never rejects. */
export async function drain(target: Drainable, drainTimeMs: number): Promise<DrainOutcome> {
  // The listening socket closes first: from here on a connect is refused (ECONNREFUSED), as Envoy stops
  // accepting on a draining listener.
  const closed = new Promise<void>((resolve) => target.server.close(() => resolve()));
  target.closeIdle(Math.min(HCM_DRAIN_TIMEOUT_MS, drainTimeMs));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DrainOutcome>((resolve) => {
    timer = setTimeout(() => resolve('forced'), Math.max(0, drainTimeMs));
  });
  const outcome = await Promise.race([target.whenEmpty().then((): DrainOutcome => 'drained'), timedOut]);
  clearTimeout(timer);
  if (outcome === 'forced') target.closeAll();
  await closed;
  return outcome;
}
