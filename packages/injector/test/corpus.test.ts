// Istio's own injection corpus (pkg/kube/inject/testdata/inject, 228 files): every input goes through
// injectManifests() (so through inject()) and the invariants of the result match Istio's `.injected` output.

import jsonpatch from 'fast-json-patch';
import { describe, expect, test } from 'vitest';
import { InjectorErrorCode, inject, injectManifests, ManifestError, type PodLike } from '../src/index.js';
import { type CorpusCase, DEVIATIONS, ERROR_CASES, EXPLICIT_CASES, NOT_COMPARED } from './corpus-cases.js';
import { corpusFiles, invariants, podTemplates, readCorpus } from './corpus-helpers.js';

const files = corpusFiles();
const inputs = files.filter((f) => f.endsWith('.yaml') && !f.endsWith('.iop.yaml'));
const outputs = files.filter((f) => f.includes('.injected'));
const explicitWants = new Set(EXPLICIT_CASES.map((c) => c.want));
const defaultCases: CorpusCase[] = inputs
  .filter((f) => files.includes(`${f}.injected`) && !explicitWants.has(`${f}.injected`))
  .map((f) => ({ in: f, want: `${f}.injected`, options: {} }));
const allCases = [...defaultCases, ...EXPLICIT_CASES];
const compared = allCases.filter((c) => NOT_COMPARED[c.want] === undefined);

/** Templates built-in or given by the cases, so inputs that name a custom template get it. */
function optionsFor(input: string) {
  return EXPLICIT_CASES.find((c) => c.in === input && c.options.templates !== undefined)?.options ?? {};
}

describe('Istio injection corpus', () => {
  test('the corpus is all there and every output has a case', () => {
    expect(files.length).toBe(228);
    const covered = new Set(allCases.map((c) => c.want));
    expect(outputs.filter((o) => !covered.has(o))).toEqual([]);
    expect(compared.length).toBeGreaterThanOrEqual(118);
  });

  test('every input is injected, or fails exactly as Istio fails it', () => {
    const failures: Record<string, string> = {};
    for (const f of inputs) {
      try {
        injectManifests(readCorpus(f), optionsFor(f));
      } catch (e) {
        expect(e).toBeInstanceOf(ManifestError);
        failures[f] = (e as ManifestError).reason;
      }
    }
    const expected: Record<string, string> = Object.fromEntries(
      ERROR_CASES.map((c) => [c.in, InjectorErrorCode.InvalidAnnotation]),
    );
    expect(failures).toEqual(expected);
  });

  test.each(ERROR_CASES)('$in is refused naming $error', ({ in: input, error }) => {
    expect(() => injectManifests(readCorpus(input))).toThrow(new RegExp(error, 'i'));
  });

  test.each(compared.map((c) => [`${c.in} -> ${c.want}`, c] as const))('%s', (_name, c) => {
    const got = podTemplates(injectManifests(readCorpus(c.in), c.options).text).map(invariants);
    const want = podTemplates(readCorpus(c.want), true).map(invariants);
    for (const inv of want) DEVIATIONS[c.want]?.apply(inv);
    expect(got).toEqual(want);
  });

  test.each(compared.map((c) => [`${c.in} (${c.want})`, c] as const))(
    'the webhook patch of %s applies',
    (_n, c) => {
      // As the webhook sees them: each pod template alone, its patch applied with a JSON Patch library.
      for (const template of podTemplates(readCorpus(c.in))) {
        const pod = { metadata: template.metadata ?? {}, spec: template.spec } as PodLike;
        const result = inject(pod, { ...c.options, namespace: 'default' });
        const applied = jsonpatch.applyPatch(
          structuredClone(pod),
          jsonpatch.deepClone(result.patch),
          true,
          false,
        ).newDocument;
        expect(applied).toEqual(result.pod);
      }
    },
  );

  test.each(compared.map((c) => [`${c.in} (${c.want})`, c] as const))(
    're-injecting %s changes nothing',
    (_n, c) => {
      const once = injectManifests(readCorpus(c.in), c.options).text;
      const twice = injectManifests(once, c.options).text;
      expect(twice).toBe(once);
    },
  );
});
