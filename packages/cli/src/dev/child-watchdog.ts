// Preloaded into every Node.js child of `mesh dev` (`node --import <this file> ...`): when `mesh dev` dies without
// stopping its children (SIGKILL, a crash), the child notices within WATCH_INTERVAL_MS and stops itself, so that no
// app or proxy is left behind. This keeps the apps and the proxy unchanged (no extra flag, no stdin or IPC channel):
// the parent's pid is passed in MINIMESH_PARENT_PID, and the child is an orphan once its parent pid differs (the
// kernel reparents it to init or a subreaper). It then gets the SIGTERM `mesh dev` would have sent (a graceful
// stop), and exits with status 1 after GRACE_MS if it has not stopped by then. Timers are unref'd: the watchdog
// never keeps a process alive.

/** How often the parent is checked, ms. */
const WATCH_INTERVAL_MS = 500;
/** How long the child may take to stop gracefully once orphaned, ms. */
const GRACE_MS = 5_000;

const parent = Number(process.env.MINIMESH_PARENT_PID);
if (Number.isInteger(parent) && parent > 0) {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  }, WATCH_INTERVAL_MS);
  timer.unref();
}

export {};
