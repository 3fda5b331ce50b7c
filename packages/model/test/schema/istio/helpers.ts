// Test helpers for the Istio networking schemas: wrap a spec in an object envelope, validate, and compare
// issues by code, path and message.
import { expect } from 'vitest';
import type { z } from 'zod';
import { type Issue, validateWith } from '../../../src/schema/validate.js';

/** A whole object of `kind` with this spec (namespace "default" unless given). */
export function resource(kind: string, spec: unknown, metadata: Record<string, unknown> = {}): unknown {
  const apiVersion = kind === 'EnvoyFilter' ? 'networking.istio.io/v1alpha3' : 'networking.istio.io/v1';
  return { apiVersion, kind, metadata: { name: 'example', namespace: 'default', ...metadata }, spec };
}

/** Issues of validating `input`; [] when valid. */
export function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const r = validateWith(schema, input);
  return r.valid ? [] : r.issues;
}

/** Asserts `input` is valid, showing the issues when it is not. */
export function expectValid(schema: z.ZodType, input: unknown): void {
  expect(issuesOf(schema, input)).toEqual([]);
}

/** Asserts exactly these issues (order-insensitive). */
export function expectIssues(schema: z.ZodType, input: unknown, expected: Issue[]): void {
  const key = (i: Issue) => `${i.path.join('.')}|${i.code}|${i.message}`;
  expect(issuesOf(schema, input).map(key).sort()).toEqual(expected.map(key).sort());
}

/** Issue constructors. `hint` is the "did you mean" field validateWith proposes for a likely typo. */
export const unknownField = (path: (string | number)[], hint?: string): Issue => ({
  code: 'MM_UNKNOWN_FIELD',
  path,
  message: `unknown field "${String(path[path.length - 1])}"${hint === undefined ? '' : `; did you mean "${hint}"?`}`,
});
export const invalidValue = (path: (string | number)[], message: string): Issue => ({
  code: 'MM_INVALID_VALUE',
  path,
  message,
});
export const invalidType = (path: (string | number)[], message: string): Issue => ({
  code: 'MM_INVALID_TYPE',
  path,
  message,
});
export const missingField = (path: (string | number)[], message: string): Issue => ({
  code: 'MM_MISSING_FIELD',
  path,
  message,
});
