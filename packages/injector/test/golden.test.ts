// Golden tests: each input pod of golden/cases.ts against its reviewed expected output (pod, patch, report) in
// golden/expected/. The patch applied to the input with fast-json-patch gives exactly the injected pod, the
// injected pod is a valid Pod for the model's schema, the input is never modified, and injecting the result
// again changes nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { podSchema, validateWith } from '@minimesh/model';
import jsonpatch from 'fast-json-patch';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { inject } from '../src/index.js';
import { GOLDEN_CASES } from './golden/cases.js';

const dir = fileURLToPath(new URL('./golden/expected/', import.meta.url));
const update = process.env.UPDATE_GOLDENS === '1';

describe('golden injections', () => {
  test('there are at least 30 cases with distinct names', () => {
    expect(GOLDEN_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(GOLDEN_CASES.map((c) => c.name)).size).toBe(GOLDEN_CASES.length);
  });

  test.each(GOLDEN_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const before = structuredClone(c.pod);
    const result = inject(c.pod, c.options);
    expect(c.pod).toEqual(before);
    const file = `${dir}${c.name}.yaml`;
    const actual = { report: result.report, patch: result.patch, pod: result.pod };
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        file,
        `# ${c.about}\n${stringify(actual, { lineWidth: 0, aliasDuplicateObjects: false })}`,
      );
    }
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDENS=1 and review it`).toBe(true);
    expect(actual).toEqual(parse(readFileSync(file, 'utf8')));

    const patched = jsonpatch.applyPatch(
      structuredClone(c.pod),
      jsonpatch.deepClone(result.patch),
      true,
      false,
    ).newDocument;
    expect(patched).toEqual(result.pod);
    const valid = validateWith(podSchema, result.pod);
    expect(valid.valid ? [] : valid.issues).toEqual([]);
    const again = inject(result.pod, c.options);
    expect(again.patch).toEqual([]);
    expect(again.report.reinjected).toBe(result.report.injected);
  });
});
