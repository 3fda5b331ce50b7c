// Turns zod issues into the model's issues: a stable code, the field path, and a sentence saying what was
// expected. Every issue is kept (zod collects them all); unknown keys become one issue per key, at that key.
import type { z } from 'zod';
import { DiagnosticCode, type FieldPath } from '../errors/diagnostic.js';
import { closest, knownKeysAt } from './suggest.js';

export interface Issue {
  readonly code: DiagnosticCode;
  readonly path: FieldPath;
  readonly message: string;
}

export type ValidationResult<T> = { valid: true; value: T; issues: [] } | { valid: false; issues: Issue[] };

/** Validates `input` against `schema`, returning the typed value or every issue found. Never throws for input. */
export function validateWith<S extends z.ZodType>(schema: S, input: unknown): ValidationResult<z.infer<S>> {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return { valid: true, value: r.data, issues: [] };
  const issues = issuesFromZod(r.error.issues).map((issue) => {
    if (issue.code !== DiagnosticCode.UnknownField) return issue;
    const key = String(issue.path[issue.path.length - 1]);
    const hint = closest(key, knownKeysAt(schema, issue.path.slice(0, -1)));
    return hint === undefined ? issue : { ...issue, message: `${issue.message}; did you mean "${hint}"?` };
  });
  return { valid: false, issues };
}

type ZodIssue = z.core.$ZodIssue;

export function issuesFromZod(issues: readonly ZodIssue[], prefix: FieldPath = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) convert(issue, prefix, out);
  return out;
}

function convert(issue: ZodIssue, prefix: FieldPath, out: Issue[]): void {
  const path: FieldPath = [...prefix, ...(issue.path as (string | number)[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        out.push({
          code: DiagnosticCode.UnknownField,
          path: [...path, key],
          message: `unknown field "${key}"`,
        });
      }
      return;
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) {
        out.push({
          code: DiagnosticCode.MissingField,
          path,
          message: `required field is missing: expected ${typeName(issue.expected)}`,
        });
      } else {
        const expected = isCustomMessage(issue.message)
          ? issue.message
          : `expected ${typeName(issue.expected)}`;
        out.push({
          code: DiagnosticCode.InvalidType,
          path,
          message: `${expected}, got ${describe(input)}`,
        });
      }
      return;
    }
    case 'invalid_value': {
      const input = (issue as { input?: unknown }).input;
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const message = issue.values.length === 1 ? `expected ${values}` : `expected one of ${values}`;
      out.push({ code: DiagnosticCode.InvalidValue, path, message: `${message}, got ${describe(input)}` });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const custom = isCustomMessage(issue.message);
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const what = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
      const input = (issue as { input?: unknown }).input;
      const got = issue.origin === 'number' || issue.origin === 'int' ? `, got ${describe(input)}` : '';
      const message = custom ? `${issue.message}${got}` : `expected ${bound} ${String(limit)}${what}${got}`;
      out.push({ code: DiagnosticCode.InvalidValue, path, message });
      return;
    }
    case 'invalid_union': {
      // Prefer the branch that got furthest: the one with the fewest issues, none of them at the union's root.
      const branches = issue.errors.map((errs) => issuesFromZod(errs, path));
      const deep = branches.filter((b) => b.length > 0 && b.every((i) => i.path.length > path.length));
      const best = deep.sort((a, b) => a.length - b.length)[0];
      if (best) {
        out.push(...best);
      } else {
        const input = (issue as { input?: unknown }).input;
        const custom = isCustomMessage(issue.message) ? issue.message : undefined;
        const expected = branches
          .map((b) =>
            b.find((i) => i.code === DiagnosticCode.InvalidType || i.code === DiagnosticCode.MissingField),
          )
          .map((i) => i?.message.replace(/^.*expected (.*?)(, got .*)?$/, '$1'))
          .filter((m): m is string => m !== undefined);
        const message =
          custom ??
          `expected ${[...new Set(expected)].join(' or ') || 'another form'}, got ${describe(input)}`;
        out.push({ code: DiagnosticCode.InvalidType, path, message });
      }
      return;
    }
    case 'invalid_element':
    case 'invalid_key':
      for (const inner of issue.issues) convert(inner as ZodIssue, path, out);
      return;
    case 'invalid_format':
      out.push({
        code: DiagnosticCode.InvalidValue,
        path,
        message: isCustomMessage(issue.message) ? issue.message : `expected a valid ${issue.format}`,
      });
      return;
    case 'not_multiple_of':
      out.push({
        code: DiagnosticCode.InvalidValue,
        path,
        message: `expected a multiple of ${String(issue.divisor)}`,
      });
      return;
    default:
      out.push({ code: DiagnosticCode.InvalidValue, path, message: issue.message });
  }
}

/** Zod's own default messages start with "Invalid" or "Too"; ours are sentences starting with "expected". */
function isCustomMessage(message: string): boolean {
  return !/^(Invalid|Too (small|big)|Unrecognized)/.test(message);
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
      return 'an object (a map of fields)';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    case 'record':
      return 'a map of keys to values';
    case 'undefined':
    case 'never':
      return 'no value';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

/** A short description of a value for messages: `"ten"`, `12`, `a list`, `an object`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': {
      const s = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return JSON.stringify(s);
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
