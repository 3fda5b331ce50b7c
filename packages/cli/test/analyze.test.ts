// `mesh analyze`: the translator's analysis over files, in istioctl analyze's output forms and exit statuses,
// through analyzeCommand() and through the built binary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzeCommand, colorEnabled } from '../src/index.js';
import { ISTIO_BOOKINFO, ISTIO_NETWORKING, MANIFESTS, mesh, OUR_NETWORKING } from './offline-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'mesh-analyze-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A VirtualService routing to subset v9, which destination-rule-all.yaml does not define (line 12). */
const dangling = join(tmp, 'vs-dangling.yaml');
writeFileSync(
  dangling,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v9
`,
);
const clean = [MANIFESTS, `${OUR_NETWORKING}/destination-rule-all.yaml`];

describe('analyzeCommand', () => {
  it('reports a dangling subset as istioctl does, at its file:line, with exit status 1', async () => {
    const out = await analyzeCommand({ files: [...clean, dangling] });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe(
      `Error [IST0101] (VirtualService default/reviews ${dangling}:12) Referenced host+subset in destinationrule not found: "reviews+v9"\n`,
    );
    expect(out.stderr.join('\n')).toMatch(/Analyzers found issues when analyzing/);
  });

  it('says nothing was found for examples/bookinfo, listing the files, and exits 0', async () => {
    const out = await analyzeCommand({ files: [MANIFESTS] });
    expect(out).toMatchObject({ exitCode: 0, stdout: '' });
    expect(out.stderr).toEqual([
      `\u2714 No validation issues found when analyzing:\n  - ${MANIFESTS}/bookinfo-gateway.yaml\n  - ${MANIFESTS}/bookinfo.yaml\n  - ${MANIFESTS}/httpbin.yaml`,
    ]);
  });

  it('names the one file when one file is analyzed', async () => {
    const out = await analyzeCommand({ files: [`${MANIFESTS}/bookinfo.yaml`] });
    expect(out.stderr).toEqual([
      `\u2714 No validation issues found when analyzing ${MANIFESTS}/bookinfo.yaml.`,
    ]);
  });

  it("keeps warnings and info from failing: a VirtualService host no service has (Istio's IST0101 is an error, IST0132 a warning)", async () => {
    const vs = join(tmp, 'vs-gateway-host.yaml');
    writeFileSync(
      vs,
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: web\nspec:\n  hosts: [web.example.com]\n  gateways: [bookinfo-gateway]\n  http:\n  - route:\n    - destination: { host: productpage, port: { number: 9080 } }\n',
    );
    const out = await analyzeCommand({ files: [MANIFESTS, vs] });
    const levels = out.messages.map((m) => m.severity);
    expect(levels).not.toContain('Error');
    expect(out.exitCode).toBe(0);
  });

  it("reports Istio's sample subsets that select no pods (IST0173) against Istio's bookinfo.yaml", async () => {
    const out = await analyzeCommand({
      files: [ISTIO_BOOKINFO, `${ISTIO_NETWORKING}/destination-rule-all.yaml`],
    });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain(
      `Error [IST0173] (DestinationRule default/details ${ISTIO_NETWORKING}/destination-rule-all.yaml:59) The Subset v2 defined in the DestinationRule does not select any pods.`,
    );
    const suppressed = await analyzeCommand({
      files: [ISTIO_BOOKINFO, `${ISTIO_NETWORKING}/destination-rule-all.yaml`],
      suppress: ['IST0173'],
    });
    expect(suppressed.exitCode).toBe(0);
  });

  it('prints istioctl JSON (tab-indented) and YAML objects with -o', async () => {
    const json = await analyzeCommand({ files: [...clean, dangling], output: 'json' });
    expect(json.exitCode).toBe(1);
    expect(json.stdout.startsWith('[\n\t{\n\t\t"code": "IST0101"')).toBe(true);
    const expected = [
      {
        code: 'IST0101',
        level: 'Error',
        origin: 'VirtualService default/reviews',
        reference: `${dangling}:12`,
        message: 'Referenced host+subset in destinationrule not found: "reviews+v9"',
        documentationUrl:
          'https://istio.io/v1.30/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze',
      },
    ];
    expect(JSON.parse(json.stdout)).toEqual(expected);
    const yaml = await analyzeCommand({ files: [...clean, dangling], output: 'yaml' });
    expect(parse(yaml.stdout)).toEqual(expected);
    expect((await analyzeCommand({ files: clean, output: 'json' })).stdout).toBe('[]\n');
  });

  it('colours the level only when asked (the program asks on a TTY without NO_COLOR)', async () => {
    const out = await analyzeCommand({ files: [...clean, dangling], color: true });
    expect(out.stdout.startsWith('\u001b[1;31mError\u001b[0m [IST0101]')).toBe(true);
  });

  it('fails with the load error for a file that does not parse', async () => {
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: x\n');
    const out = await analyzeCommand({ files: [broken] });
    expect(out.exitCode).toBe(1);
    expect(out.stderr[0]).toMatch(new RegExp(`^error: ${broken.replace(/[.]/g, '\\.')}:\\d+:\\d+ `));
  });
});

describe('mesh analyze (binary)', () => {
  it('exits 1 with IST0101 and the file:line for a dangling subset', async () => {
    const r = await mesh([
      'analyze',
      '-f',
      MANIFESTS,
      '-f',
      `${OUR_NETWORKING}/destination-rule-all.yaml`,
      '-f',
      dangling,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Error [IST0101] (VirtualService default/reviews ${dangling}:12)`);
    expect(r.stdout).not.toContain('\u001b['); // NO_COLOR
  });

  it('exits 0 for clean files, the check mark on stderr; accepts files as arguments too', async () => {
    const r = await mesh(['analyze', `${MANIFESTS}/bookinfo.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('\u2714 No validation issues found when analyzing');
  });

  it('prints no colour when stdout is not a terminal, NO_COLOR or not', async () => {
    const r = await mesh(['analyze', '-f', MANIFESTS, '-f', dangling], { NO_COLOR: '' });
    expect(r.stdout).toMatch(/^Error \[IST0101\]/);
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
  });

  it('exits 1 naming a missing file', async () => {
    const r = await mesh(['analyze', '-f', join(tmp, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(tmp, 'missing.yaml')} does not exist`);
  });
});
