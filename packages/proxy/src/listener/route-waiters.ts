// Requests of a warming new listener waiting for its route configuration (Envoy does not activate a listener
// before its RDS arrives; a connection to it waits). A bound listener's connection manager asks wait(name): it
// resolves at once when no warming listener waits for that name (with the table, or undefined: NR), else once the
// name is no longer pending (the routes arrived, or the listener's initial fetch timeout passed). Bounded: at most
// MAX_ROUTE_WAITERS requests wait per name; the rest get the current answer at once.
import type { RouteTable } from '../http/route-table.js';

/** How many requests may wait for one route configuration; beyond, they are answered at once. */
export const MAX_ROUTE_WAITERS = 10_000;

export class RouteWaiters {
  readonly #waiting = new Map<string, Array<() => void>>();

  constructor(
    /** True while a warming new listener waits for route configuration `name`. */
    private readonly pending: (name: string) => boolean,
    private readonly routes: (name: string) => RouteTable | undefined,
  ) {}

  wait(name: string): Promise<RouteTable | undefined> {
    const list = this.#waiting.get(name) ?? [];
    if (list.length >= MAX_ROUTE_WAITERS || !this.pending(name)) return Promise.resolve(this.routes(name));
    this.#waiting.set(name, list);
    return new Promise((resolve) => list.push(() => resolve(this.routes(name))));
  }

  /** Wakes the requests waiting for names no longer pending (call when listeners warm or routes arrive). */
  wake(): void {
    for (const [name, list] of this.#waiting) {
      if (this.pending(name)) continue;
      this.#waiting.delete(name);
      for (const w of list) w();
    }
  }
}
