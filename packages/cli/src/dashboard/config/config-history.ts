// The resources of each control plane version, kept for a while: a decision trace simulates a recorded request on
// the version that was live when it was made, and the timeline diffs a change's resources before and after.
// Invariants: versions are recorded in increasing order (a version recorded again replaces its resources); at most
// `keep` versions keep their resources (the oldest are dropped first); the times at which versions went live are
// kept longer (`versionAt` answers for dropped versions too). Times are ms since the epoch.
import type { LoadedResource } from '@minimesh/model';

interface Kept {
  readonly version: number;
  readonly timeMs: number;
  readonly resources: readonly LoadedResource[];
}

/** How many (time, version) marks versionAt keeps: far more than the resource sets, they are two numbers each. */
const MARKS_KEPT = 10_000;

export class ConfigHistory {
  readonly #keep: number;
  #kept: Kept[] = [];
  /** [timeMs, version], ascending by both. */
  #marks: [number, number][] = [];

  /** `keep`: versions whose resources are kept (default 50; at least 1). */
  constructor(keep = 50) {
    this.#keep = Math.max(1, Math.floor(keep));
  }

  /** Records that `version` went live at `timeMs` with `resources`. */
  record(version: number, timeMs: number, resources: readonly LoadedResource[]): void {
    this.#kept = this.#kept.filter((k) => k.version !== version);
    this.#kept.push({ version, timeMs, resources });
    this.#kept.sort((a, b) => a.version - b.version);
    if (this.#kept.length > this.#keep) this.#kept.splice(0, this.#kept.length - this.#keep);
    this.#marks = this.#marks.filter(([, v]) => v !== version);
    this.#marks.push([timeMs, version]);
    this.#marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    if (this.#marks.length > MARKS_KEPT) this.#marks.splice(0, this.#marks.length - MARKS_KEPT);
  }

  /** The resources of `version`; undefined when it was never recorded or is no longer kept. */
  at(version: number): readonly LoadedResource[] | undefined {
    return this.#kept.find((k) => k.version === version)?.resources;
  }

  /** When `version` went live (ms since the epoch); undefined when unknown. */
  timeOf(version: number): number | undefined {
    return this.#marks.find(([, v]) => v === version)?.[0];
  }

  /** The version live at `timeMs`: the newest that went live at or before it; 0 before the first. */
  versionAt(timeMs: number): number {
    let found = 0;
    for (const [t, v] of this.#marks) {
      if (t > timeMs) break;
      found = v;
    }
    return found;
  }

  /** The newest version kept, with its resources. */
  latest(): { version: number; resources: readonly LoadedResource[] } | undefined {
    const last = this.#kept[this.#kept.length - 1];
    return last === undefined ? undefined : { version: last.version, resources: last.resources };
  }

  /** The versions whose resources are kept, oldest first. */
  versions(): readonly number[] {
    return this.#kept.map((k) => k.version);
  }
}
