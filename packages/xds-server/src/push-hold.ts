// A push paused after clusters, until the client requested the endpoints of the new EDS clusters it just got,
// so that no listener or route reaches the client pointing at a cluster without endpoints (the xDS protocol
// doc's "eventual consistency considerations": CDS, then EDS for those clusters, then LDS, then RDS). The pause
// lasts at most `waitMs` from the push that started it, even when newer changes restart the push meanwhile.
import { edsNameOf } from './consistency.js';
import type { PreparedResource } from './snapshot.js';

interface Held {
  /** EDS names the client has yet to request. */
  readonly names: ReadonlySet<string>;
  readonly timer: NodeJS.Timeout;
  /** performance.now() of the change that started the push, for the push latency metric. */
  readonly started: number;
  /** performance.now() ms after which the push goes on anyway. */
  readonly deadline: number;
}

export class PushHold {
  readonly #waitMs: number;
  readonly #resume: (started: number) => void;
  #held: Held | undefined;

  /** `resume(started)` sends the rest of a push; it is called on release, never re-entrantly from hold(). */
  constructor(waitMs: number, resume: (started: number) => void) {
    this.#waitMs = waitMs;
    this.#resume = resume;
  }

  get active(): boolean {
    return this.#held !== undefined;
  }

  /**
   * Called when a new push starts: drops the current pause without resuming it, and returns the names it still
   * waited for and its deadline, which the new push keeps.
   */
  restart(): { names: ReadonlySet<string>; deadline: number } {
    const held = this.#held;
    this.release(false);
    return { names: held?.names ?? new Set(), deadline: held?.deadline ?? performance.now() + this.#waitMs };
  }

  /** Pauses the push until every name is requested or `deadline` passes. */
  hold(names: ReadonlySet<string>, started: number, deadline: number): void {
    this.release(false);
    const timer = setTimeout(() => this.release(true), Math.max(0, deadline - performance.now()));
    this.#held = { names, timer, started, deadline };
  }

  /** Resumes the push when the client now requests every awaited name. */
  check(requested: (name: string) => boolean): void {
    if (this.#held !== undefined && [...this.#held.names].every(requested)) this.release(true);
  }

  /** Ends the pause; with `resume`, the rest of the push is sent now. */
  release(resume: boolean): void {
    const held = this.#held;
    if (held === undefined) return;
    clearTimeout(held.timer);
    this.#held = undefined;
    if (resume) this.#resume(held.started);
  }
}

/** EDS name of each prepared cluster (undefined for none), read once: streams share prepared resources. */
const edsNames = new WeakMap<PreparedResource, string | undefined>();
/** The EDS names of a list of clusters, once per list: a diff's list is shared by every stream it is sent to. */
const edsNameLists = new WeakMap<readonly PreparedResource[], readonly string[]>();

function edsNamesOf(clusters: readonly PreparedResource[]): readonly string[] {
  let names = edsNameLists.get(clusters);
  if (names === undefined) {
    const list: string[] = [];
    for (const cluster of clusters) {
      let eds = edsNames.get(cluster);
      if (eds === undefined && !edsNames.has(cluster)) {
        eds = edsNameOf(cluster.resource);
        edsNames.set(cluster, eds);
      }
      if (eds !== undefined) list.push(eds);
    }
    names = list;
    edsNameLists.set(clusters, names);
  }
  return names;
}

/** EDS names of the given new clusters that `requested` does not cover. */
export function unrequestedEndpoints(
  clusters: readonly PreparedResource[],
  requested: (name: string) => boolean,
): string[] {
  return edsNamesOf(clusters).filter((name) => !requested(name));
}
