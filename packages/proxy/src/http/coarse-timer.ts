// Coarse timers for long timeouts that almost never fire: Envoy's default stream_idle_timeout (5 min) on every
// upstream try and the idle timeout of keep-alive downstream connections. A node timer per request (created,
// refreshed on every body chunk, cleared) was a measurable share of a proxied request's CPU; here a request only
// writes a deadline into an object that sits in a set, and one unref'ed interval per tick period checks the set.
// Precision: a timer fires between its limit and its limit plus one tick (TICK_MS). Short timeouts (a route's
// explicit idle_timeout of a few seconds) keep using node's timers; see idleTimer().

/** The check period, ms. */
export const TICK_MS = 1_000;

/** Limits at or above this use the coarse timer (a tick is then at most 10 % of the limit), ms. */
export const COARSE_MIN_MS = 10_000;

export interface IdleTimer {
  /** Restarts the timer (activity seen). */
  refresh(): unknown;
}

export class CoarseTimer<T = unknown> implements IdleTimer {
  /** performance.now()-based deadline, ms. */
  deadline = 0;

  constructor(
    readonly limitMs: number,
    readonly onFire: (arg: T) => void,
    readonly arg: T,
  ) {}

  fire(): void {
    this.onFire(this.arg);
  }

  refresh(): this {
    this.deadline = coarseNow + this.limitMs;
    return this;
  }

  start(): this {
    ensureTicking();
    this.deadline = coarseNow + this.limitMs;
    watched.add(this);
    return this;
  }

  stop(): void {
    watched.delete(this);
  }
}

const watched = new Set<{ deadline: number; fire(): void }>();
let ticker: NodeJS.Timeout | undefined;
/** The time of the last tick (or start), ms; what refresh() reads instead of the clock. */
let coarseNow = 0;

function now(): number {
  coarseNow = performance.now();
  return coarseNow;
}

function ensureTicking(): void {
  if (ticker !== undefined) return;
  now();
  ticker = setInterval(tick, TICK_MS);
  ticker.unref();
}

function tick(): void {
  const t = now();
  for (const w of watched) {
    if (w.deadline <= t) {
      watched.delete(w);
      w.fire();
    }
  }
  if (watched.size === 0 && ticker !== undefined) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/**
 * A timer calling `fire(arg)` after `limitMs` without refresh(): node's setTimeout for short limits, a
 * CoarseTimer for long ones. Stop it with stopIdleTimer.
 */
export function idleTimer<T>(limitMs: number, fire: (arg: T) => void, arg: T): IdleTimer {
  if (limitMs >= COARSE_MIN_MS) return new CoarseTimer(limitMs, fire, arg).start();
  return setTimeout(fire, limitMs, arg);
}

export function stopIdleTimer(timer: IdleTimer | undefined): void {
  if (timer === undefined) return;
  if (timer instanceof CoarseTimer) timer.stop();
  else clearTimeout(timer as NodeJS.Timeout);
}
