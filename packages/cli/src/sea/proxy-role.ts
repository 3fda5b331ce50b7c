// `mesh __proxy <flags>`: the proxy inside the binary, as packages/proxy's bin/mesh-proxy.js runs it: same flags,
// same exit codes (2 for bad flags, 1 otherwise), SIGTERM / SIGINT drains for --drain-time-s then exits 0, a second
// signal closes at once; V8's start-up hold (@minimesh/proxy/start-up-hold) until the proxy is configured, so the proxy's modules
// are loaded after the hold starts. The parent watch replaces the child watchdog mesh-proxy gets preloaded.

import { holdStartUp } from '@minimesh/proxy/start-up-hold';
import { watchParent } from './parent-watch.js';

/** Longest wait for the first config before the hold is released anyway, ms (as mesh-proxy). */
const RELEASE_AFTER_MS = 30_000;

/** Starts the proxy; the process then runs until a signal. Resolves once it runs (or has exited on an error). */
export async function runProxyRole(argv: readonly string[]): Promise<void> {
  watchParent();
  const release = holdStartUp();
  const { InvalidOptionError, runCli } = await import('@minimesh/proxy');
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
