// The result while a simulation builds it: every field optional and writable. The steps write into one draft;
// simulate() turns it into the SimulationResult (outcome first, trace last).
import type { SimulationResult } from './types.js';

export type Draft = { -readonly [K in keyof SimulationResult]?: SimulationResult[K] };

/** Records how the call ends (typed: a misspelt outcome or field does not compile). */
export function settle(out: Draft, fields: Draft): void {
  Object.assign(out, fields);
}
