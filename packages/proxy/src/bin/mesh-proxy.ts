#!/usr/bin/env node
// mesh-proxy --xds HOST:PORT --node-id ID [--admin-port N]: a thin shell over runCli / startProxy. Runs until
// SIGINT or SIGTERM, then closes the listeners and the ADS stream. Exit code 2 for bad flags, 1 otherwise.
import { runCli } from '../cli.js';
import { InvalidOptionError } from '../errors.js';

try {
  const proxy = await runCli(process.argv.slice(2));
  process.stderr.write(`mesh-proxy: admin on port ${proxy.adminPort}\n`);
  const stop = () => {
    void proxy.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  process.stderr.write(`mesh-proxy: ${(err as Error).message}\n`);
  process.exit(err instanceof InvalidOptionError ? 2 : 1);
}
