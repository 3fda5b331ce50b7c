// Helpers for the security.istio.io schema tests: wrap a spec in an object of the kind and collect the issues.
import type { z } from 'zod';
import { type Issue, validateWith } from '../../../src/schema/validate.js';

/** A whole security.istio.io/v1 object of `kind` with the given spec and annotations. */
export function doc(
  kind: string,
  spec: unknown,
  annotations?: Record<string, string>,
): Record<string, unknown> {
  return {
    apiVersion: 'security.istio.io/v1',
    kind,
    metadata: { name: 'test', namespace: 'default', ...(annotations === undefined ? {} : { annotations }) },
    ...(spec === undefined ? {} : { spec }),
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
