// `mesh __proxy <flags>`: the proxy inside the binary, as packages/proxy's bin/mesh-proxy.js runs it: same flags,
// same exit codes (2 for bad flags, 1 otherwise), SIGTERM / SIGINT drains for --drain-time-s then exits 0, a second
// signal closes at once; V8's start-up hold (@minimesh/proxy/start-up-hold) until the proxy is configured, so the proxy's modules
// are loaded after the hold starts. The parent watch replaces the child watchdog mesh-proxy gets preloaded.

import { holdStartUp } from '@minimesh/proxy/start-up-hold';
import { watchParent } from './parent-watch.js';

/** Starts the proxy; the process then runs until a signal. Resolves once it runs (or has exited on an error). */
export async function runProxyRole(argv: readonly string[]): Promise<void> {
  watchParent();
  const release = holdStartUp();
  const { runProxyProcess } = await import('@minimesh/proxy');
  await runProxyProcess(argv, release);
}
