// V8 settings held while the proxy starts, so that start-up's one-off work does not leave memory behind that an
// idle proxy never uses again. Released once the proxy is configured; from then on V8 runs with its defaults.
//
// - The young generation's growth (--semi-space-growth-factor 1, V8's default is 2). Start-up (the modules, the
//   Envoy descriptor, the first config) allocates mostly objects that live on; V8 grows the young generation
//   when much survives its scavenges, so start-up alone would leave it at its maximum (8 MB semi-spaces, 16 MB
//   committed) until V8's memory reducer gives it back, some 8 s after the last full collection. Held, it stays
//   at its initial size (1 MB semi-spaces) and, once released, grows under load as a fresh Node process's does.
// - The compilers above the interpreter: TurboFan and Sparkplug (--no-turbofan --no-sparkplug; V8's defaults
//   are on). Start-up's hot loops (decoding the first config) would have them run: their code in the node binary
//   (about 6 MB of pages for TurboFan) and the compiled code become resident for a one-off task. Held, start-up
//   runs in the interpreter; once released, code that gets hot (requests) is compiled and optimized as usual.
//
// Neither changes the semi-space sizes (initial and maximum are V8's defaults) nor the steady state under load.
// A process started with its own semi-space or TurboFan options keeps them and nothing is held. Node keeps V8's
// flags writable after start-up (it runs V8 without --freeze-flags-after-init), which this relies on.
import { setFlagsFromString } from 'node:v8';

/** V8's defaults (Node 20 and 22) that `release` restores. */
const DEFAULTS = ['--semi-space-growth-factor=2', '--turbofan', '--sparkplug'] as const;
const HELD = ['--semi-space-growth-factor=1', '--no-turbofan', '--no-sparkplug'] as const;

/** Options a user may have set that this hold would override. */
const USER_SET = /semi[-_]space|turbofan|sparkplug|(^|[-_])opt($|=)|maglev|jitless/;

/** Holds the settings; returns the release (idempotent). */
export function holdStartUp(): () => void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((a) => USER_SET.test(a.replace(/^--(no-)?/, '')))) return () => undefined;
  for (const flag of HELD) setFlagsFromString(flag);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    for (const flag of DEFAULTS) setFlagsFromString(flag);
  };
}
