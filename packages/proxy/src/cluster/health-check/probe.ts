// One active health check of one host and its result, as Envoy's checkers report it: a success, or a failure
// of type "active" (the host answered, wrongly: an HTTP status outside expected_statuses, which fails the host at
// once unless the status is retriable) or "network" (no connection, a reset, a timeout, a TCP response without
// the expected payloads: these count toward unhealthy_threshold).

export type ProbeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly failure: 'active' | 'network'; readonly retriable: boolean };

export const PROBE_OK: ProbeResult = Object.freeze({ ok: true });
export const PROBE_NETWORK: ProbeResult = Object.freeze({ ok: false, failure: 'network', retriable: true });

/** A prober of one host: checks it once per call; close() drops any connection kept for the next check. */
export interface Probe {
  check(timeoutMs: number): Promise<ProbeResult>;
  close(): void;
}

/** Whether every block of `receive` occurs in `data`, in order. */
export function containsInOrder(data: Buffer, receive: readonly Buffer[]): boolean {
  let from = 0;
  for (const block of receive) {
    const at = data.indexOf(block, from);
    if (at < 0) return false;
    from = at + block.length;
  }
  return true;
}
