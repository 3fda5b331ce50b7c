#!/usr/bin/env node
// mesh-proxy --xds HOST:PORT --node-id ID [--admin-port N]: a thin shell over runProxyProcess (proxy-process.ts:
// runs until SIGTERM or SIGINT, then drains and exits 0; exit code 2 for bad flags, 1 otherwise).
// V8's young-generation growth and TurboFan are held until the proxy is configured (start-up-hold.ts), so the
// modules are imported after the hold starts.
import { holdStartUp } from './start-up-hold.js';

const release = holdStartUp();
const { runProxyProcess } = await import('../proxy-process.js');
await runProxyProcess(process.argv.slice(2), release);
