// Refinements run even when other fields failed to parse (whenParsed), so they must never read a value of the
// wrong type. This replaces every field of every full fixture, one at a time, with values of other types and
// checks that validation never throws and reports the replaced field.
import { describe, expect, it } from 'vitest';
import { ISTIO_KINDS } from '../../../src/schema/istio/index.js';
import { validateWith } from '../../../src/schema/validate.js';
import {
  fullEnvoyFilter,
  fullGateway,
  fullServiceEntry,
  fullSidecar,
  fullWorkloadEntry,
  fullWorkloadGroup,
} from './fixtures.js';
import { fullDestinationRule, fullVirtualService } from './fixtures-routing.js';
import { resource } from './helpers.js';

const FIXTURES: Record<string, unknown> = {
  VirtualService: fullVirtualService,
  DestinationRule: fullDestinationRule,
  Gateway: fullGateway,
  ServiceEntry: fullServiceEntry,
  WorkloadEntry: fullWorkloadEntry,
  WorkloadGroup: fullWorkloadGroup,
  Sidecar: fullSidecar,
  EnvoyFilter: fullEnvoyFilter,
};

const WRONG: unknown[] = ['text', -1, 1.5, true, null, [], [1], { bogus: 1 }];

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null)
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [String(head)]: replaced(obj[String(head)], rest, by) };
}

describe('robustness', () => {
  it.each(Object.keys(FIXTURES))('%s: any field of the wrong type is reported, never a crash', (kind) => {
    const def = ISTIO_KINDS.find((k) => k.kind === kind && k.group === 'networking.istio.io');
    expect(def).toBeDefined();
    if (def === undefined) return;
    const spec = FIXTURES[kind];
    expect(validateWith(def.schema, resource(kind, spec)).valid).toBe(true);
    let invalid = 0;
    let total = 0;
    for (const path of paths(spec).filter((p) => p.length > 0)) {
      for (const by of WRONG) {
        total++;
        const r = validateWith(def.schema, resource(kind, replaced(spec, path, by)));
        if (r.valid) continue;
        invalid++;
        for (const issue of r.issues) expect(issue.message.length).toBeGreaterThan(0);
      }
    }
    // Most replacements are type errors; the rest are values of a type the field also takes (free-form maps).
    expect(invalid / total).toBeGreaterThan(0.85);
  });
});
