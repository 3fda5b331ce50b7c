// The in-process form of ../dev/child-watchdog.ts for the SEA's roles (the proxy and script runner): the binary
// cannot preload a file with `--import` (a SEA does not take Node.js options, and the watchdog is no file on disk),
// so each role starts this check itself. Same contract: MINIMESH_PARENT_PID names `mesh dev`; once this process's
// parent pid differs (`mesh dev` died without stopping it), it sends itself the SIGTERM `mesh dev` would have sent
// and exits with status 1 after GRACE_MS if it has not stopped by then. Timers are unref'd.

/** How often the parent is checked, ms. */
const WATCH_INTERVAL_MS = 500;
/** How long the process may take to stop gracefully once orphaned, ms. */
const GRACE_MS = 5_000;

/** Starts watching the parent named by MINIMESH_PARENT_PID (nothing when it is not set). */
export function watchParent(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const parent = Number(env.MINIMESH_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 0) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  }, WATCH_INTERVAL_MS);
  timer.unref();
}
