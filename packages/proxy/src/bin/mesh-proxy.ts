#!/usr/bin/env node
// mesh-proxy --xds HOST:PORT --node-id ID [--admin-port N]: a thin shell over runCli / startProxy. Runs until
// SIGINT or SIGTERM, then closes the listeners and the ADS stream. Exit code 2 for bad flags, 1 otherwise.
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
  const stop = () => {
    void proxy.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  release();
  process.stderr.write(`mesh-proxy: ${(err as Error).message}\n`);
  process.exit(err instanceof InvalidOptionError ? 2 : 1);
}
