// The recorded requests: a fixed ring of the newest `size` records, and the cursor of what the page was sent.
// Invariant: ids are consecutive from 1, so record `id` sits at slot (id - 1) % size while it is kept.
import type { RequestRecord } from '../protocol.js';

export class RecordRing {
  readonly #slots: (RequestRecord | undefined)[];
  /** The id the next record gets. */
  #nextId = 1;
  /** The last id takeNew returned or passed over. */
  #taken = 0;

  constructor(
    readonly size: number,
    readonly maxTake: number,
  ) {
    this.#slots = new Array<RequestRecord | undefined>(size).fill(undefined);
  }

  /** The id the next pushed record must carry. */
  nextId(): number {
    return this.#nextId;
  }

  push(record: RequestRecord): void {
    this.#slots[(record.id - 1) % this.size] = record;
    this.#nextId = record.id + 1;
  }

  /** Records since the last call: the newest maxTake of them, oldest first; the rest counted as dropped. */
  takeNew(): { records: RequestRecord[]; dropped: number } {
    const last = this.#nextId - 1;
    const available = last - this.#taken;
    const take = Math.min(available, this.maxTake, this.size);
    const records: RequestRecord[] = [];
    for (let id = last - take + 1; id <= last; id++) {
      const r = this.#slots[(id - 1) % this.size];
      if (r !== undefined) records.push(r);
    }
    this.#taken = last;
    return { records, dropped: available - records.length };
  }

  /** The kept records, oldest first. */
  all(): RequestRecord[] {
    const out: RequestRecord[] = [];
    for (let id = Math.max(1, this.#nextId - this.size); id < this.#nextId; id++) {
      const r = this.#slots[(id - 1) % this.size];
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  /** Record `id` while it is kept. */
  get(id: number): RequestRecord | undefined {
    if (!Number.isInteger(id) || id < 1 || id >= this.#nextId || id < this.#nextId - this.size)
      return undefined;
    return this.#slots[(id - 1) % this.size];
  }
}
