// The bad-input corpus: each file under testdata/bad has, beside it, the exact diagnostics it must produce
// (`<file>.expected`, refreshed on purpose with `vitest -u` and reviewed in the diff).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosticCode, formatDiagnostic, loadManifests } from '../../src/index.js';

const dir = fileURLToPath(new URL('./testdata/bad/', import.meta.url));
const inputs = readdirSync(dir)
  .filter((f) => !f.endsWith('.expected'))
  .sort();

function run(name: string) {
  return loadManifests(readFileSync(dir + name), { file: name });
}

describe('bad-input corpus', () => {
  it('has at least 60 inputs', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(inputs)('%s', async (name) => {
    const result = run(name);
    // Every input is bad: it yields an error, or (unknown kinds only) a warning and an opaque resource.
    if (name.startsWith('unknown-kind') || name.startsWith('warning-')) {
      expect(result.warnings.length).toBeGreaterThan(0);
      if (name.startsWith('unknown-kind')) expect(result.resources.every((r) => !r.known)).toBe(true);
      expect(result.errors).toEqual([]);
    } else {
      expect(result.errors.length).toBeGreaterThan(0);
    }
    for (const d of result.diagnostics) {
      expect(d.file).toBe(name);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message).toMatch(/expected|unknown|YAML/);
    }
    const text = `${result.diagnostics.map(formatDiagnostic).join('\n')}\n`;
    await expect(text).toMatchFileSnapshot(`./testdata/bad/${name}.expected`);
  });

  it('covers every diagnostic code that input text can produce', () => {
    const seen = new Set(inputs.flatMap((n) => run(n).diagnostics.map((d) => d.code)));
    const fileLevel: string[] = [DiagnosticCode.FileUnreadable, DiagnosticCode.FileTooLarge];
    const missing = Object.values(DiagnosticCode).filter((c) => !seen.has(c) && !fileLevel.includes(c));
    expect(missing).toEqual([]);
  });
});
