#!/usr/bin/env node
// mesh-proxy --xds HOST:PORT --node-id ID [--admin-port N]: a thin shell over runCli / startProxy. Runs until
// SIGTERM or SIGINT, then shuts down gracefully, as pilot-agent has Envoy do: the listeners drain (no new
// connections; requests in flight are answered, with `connection: close`; idle connections close) for at most
// --drain-time-s (default 5 s), then everything closes and the process exits 0. A second signal during the drain
// closes at once. Exit code 2 for bad flags, 1 otherwise.
// V8's young-generation growth and TurboFan are held until the proxy is configured (start-up-hold.ts), so the
// modules are imported after the hold starts.
import { holdStartUp } from './start-up-hold.js';

/** Longest wait for the first config before the hold is released anyway, ms. */
const RELEASE_AFTER_MS = 30_000;

const release = holdStartUp();
const { runCli } = await import('../cli.js');
const { InvalidOptionError } = await import('../errors.js');

try {
  const proxy = await runCli(process.argv.slice(2));
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
