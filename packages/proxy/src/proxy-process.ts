// The proxy as a process (bin/mesh-proxy.js, and the `mesh` binary's __proxy role): starts it from command-line
// flags and runs it until SIGTERM or SIGINT, then shuts down gracefully, as pilot-agent has Envoy do: the
// listeners drain (no new connections; requests in flight are answered, with `connection: close`; idle
// connections close) for at most --drain-time-s (default 5 s), then everything closes and the process exits 0. A
// second signal during the drain closes at once. Bad flags exit 2, other start-up errors 1.
import { runCli } from './cli.js';
import { InvalidOptionError } from './errors.js';

/** Longest wait for the first config before the start-up hold is released anyway, ms. */
const RELEASE_AFTER_MS = 30_000;

/**
 * Runs the proxy process; `release` ends V8's start-up hold (start-up-hold.ts) once the proxy is configured.
 * Resolves once the proxy runs (the process then lives until a signal), or after it exited on a start-up error.
 */
export async function runProxyProcess(argv: readonly string[], release: () => void): Promise<void> {
  try {
    const proxy = await runCli(argv);
    process.stderr.write(`mesh-proxy: admin on port ${proxy.adminPort}\n`);
    void proxy
      .ready(RELEASE_AFTER_MS)
      .catch(() => undefined)
      .then(release);
    let stopping = false;
    const stop = () => {
      if (stopping) {
        // A second signal: no more waiting for the drain.
        void proxy.close().then(() => process.exit(0));
        return;
      }
      stopping = true;
      void proxy
        .drain()
        .then(() => proxy.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    release();
    process.stderr.write(`mesh-proxy: ${(err as Error).message}\n`);
    process.exit(err instanceof InvalidOptionError ? 2 : 1);
  }
}
