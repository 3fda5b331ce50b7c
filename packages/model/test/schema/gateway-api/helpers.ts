// Helpers for the Gateway API schema tests: wrap a spec in an object of the kind and collect the issues.
import type { z } from 'zod';
import { type Issue, validateWith } from '../../../src/schema/validate.js';

/** A whole object of `kind` with the given spec (apiVersion v1, namespace "default"). */
export function doc(kind: string, spec: unknown, name = 'test'): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
  };
}

/** Every issue validation reports, as plain objects (empty when the input is valid). */
export function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const r = validateWith(schema, input);
  return r.valid ? [] : r.issues.map((i) => ({ code: i.code, path: [...i.path], message: i.message }));
}

/** An issue as tests write it. */
export function issue(code: string, path: (string | number)[], message: string): Issue {
  return { code, path, message } as Issue;
}
