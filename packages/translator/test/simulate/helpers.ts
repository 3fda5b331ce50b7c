// Simulator test helpers: real configurations translated from bookinfo + Istio networking files (+ inline YAML),
// cached per input so a table of calls translates each configuration once, and a row checker.
import { buildRegistry, type WorkloadInput } from '@minimesh/model';
import { expect } from 'vitest';
import { PushContext } from '../../src/push-context.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulatedCall, SimulationResult } from '../../src/simulate/types.js';
import { type Translation, translate } from '../../src/translate.js';
import { BOOKINFO, INGRESS_SERVICE, ingress, load, net, productpage, WORKLOADS } from '../route/fixtures.js';

export type ProxyKind = 'sidecar' | 'gateway';

/** What a configuration is built from: networking file names, inline documents, extra workloads. */
export interface Input {
  readonly files?: readonly string[];
  readonly inline?: readonly string[];
  readonly workloads?: readonly WorkloadInput[];
}

const cache = new Map<string, Promise<Translation>>();

/** productpage's sidecar or the ingress gateway, translated from bookinfo + the ingress Service + `input`. */
export function configFor(proxy: ProxyKind, input: Input = {}): Promise<Translation> {
  const key = JSON.stringify([proxy, input]);
  let t = cache.get(key);
  if (t === undefined) {
    t = (async () => {
      const paths = [BOOKINFO, ...(input.files ?? []).map(net)];
      const resources = await load(paths, [INGRESS_SERVICE, ...(input.inline ?? [])]);
      const registry = buildRegistry(resources, { workloads: [...WORKLOADS, ...(input.workloads ?? [])] });
      return translate(proxy === 'sidecar' ? productpage : ingress, new PushContext(registry));
    })();
    cache.set(key, t);
  }
  return t;
}

/** One table row: a call through a configuration and what must come out. */
export interface Row {
  readonly what: string;
  readonly proxy?: ProxyKind;
  readonly input?: Input;
  readonly call: SimulatedCall;
  readonly outcome: SimulationResult['outcome'];
  readonly cluster?: string;
  /** Lines the trace must contain, verbatim. */
  readonly trace?: readonly string[];
  /** Other fields, compared with toMatchObject. */
  readonly expect?: Partial<Record<keyof SimulationResult, unknown>>;
  /** Fields the result must not have. */
  readonly absent?: readonly (keyof SimulationResult)[];
}

/** Runs a row; returns the result for further checks. */
export async function check(row: Row): Promise<SimulationResult> {
  const t = await configFor(row.proxy ?? 'sidecar', row.input);
  const r = simulate(t, row.call);
  const shown = JSON.stringify(r, null, 1);
  expect(r.outcome, shown).toBe(row.outcome);
  if (row.cluster !== undefined) expect(r.cluster, shown).toBe(row.cluster);
  for (const line of row.trace ?? []) expect(r.trace, shown).toContain(line);
  if (row.expect !== undefined) expect(r, shown).toMatchObject(row.expect);
  for (const key of row.absent ?? []) expect(Object.hasOwn(r, key), `${key} in ${shown}`).toBe(false);
  return r;
}

/** `outbound|<port>|<subset>|<name>.default.svc.cluster.local`. */
export const C = (name: string, subset = '', port = 9080): string =>
  `outbound|${port}|${subset}|${name}.default.svc.cluster.local`;
