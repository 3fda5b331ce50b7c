// `mesh apply` and `mesh delete`: the exported functions and the built binary (spawned) against a real control
// plane over bookinfo's manifests, with Istio's own sample YAML; kubectl's output lines, diagnostics and exit codes.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand, deleteCommand, resourcePlural, resourceType } from '../src/index.js';
import { copyBookinfo, ISTIO_NETWORKING, startTestPlane, type TestPlane } from './control-plane-helpers.js';

const bin = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));
const DR = join(ISTIO_NETWORKING, 'destination-rule-all.yaml');
const VS = join(ISTIO_NETWORKING, 'virtual-service-all-v1.yaml');

let dir: string;
let files: string;
let t: TestPlane;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mesh(args: readonly string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) =>
        resolve({ code: err === null ? 0 : Number((err as { code?: number }).code ?? 1), stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

const cpFlag = () => ['--control-plane', t.cp.apiAddress];

beforeAll(async () => {
  dir = copyBookinfo();
  files = mkdtempSync(join(tmpdir(), 'mesh-apply-'));
  t = await startTestPlane(dir, { watch: false });
}, 30_000);

afterAll(async () => {
  await t?.cp.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

describe('mesh apply / mesh delete', () => {
  it('applyCommand prints kubectl lines: destination-rule-all created', async () => {
    const out = await applyCommand({ files: [DR], controlPlane: t.cp.apiAddress });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(
      [
        'destinationrule.networking.istio.io/productpage created',
        'destinationrule.networking.istio.io/reviews created',
        'destinationrule.networking.istio.io/ratings created',
        'destinationrule.networking.istio.io/details created',
        '',
      ].join('\n'),
    );
    expect(out.stderr).toEqual([]);
  });

  it('the built binary applies virtual-service-all-v1 after it', async () => {
    const r = await mesh(['apply', '-f', VS, ...cpFlag()]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim().split('\n')).toEqual([
      'virtualservice.networking.istio.io/productpage created',
      'virtualservice.networking.istio.io/reviews created',
      'virtualservice.networking.istio.io/ratings created',
      'virtualservice.networking.istio.io/details created',
    ]);
    expect(t.cp.resources().filter((x) => x.kind === 'VirtualService')).toHaveLength(5);
  });

  it('says unchanged and configured as kubectl does (files of a directory, in name order)', async () => {
    copyFileSync(VS, join(files, 'a-all-v1.yaml'));
    copyFileSync(join(ISTIO_NETWORKING, 'destination-rule-reviews.yaml'), join(files, 'b-dr-reviews.yaml'));
    const r = await mesh(['apply', '-f', files, ...cpFlag()]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'virtualservice.networking.istio.io/productpage unchanged',
      'virtualservice.networking.istio.io/reviews unchanged',
      'virtualservice.networking.istio.io/ratings unchanged',
      'virtualservice.networking.istio.io/details unchanged',
      'destinationrule.networking.istio.io/reviews configured',
    ]);
  });

  it('refuses a resource given twice in one apply', async () => {
    const r = await mesh(['apply', '-f', VS, '-f', VS, ...cpFlag()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is given twice');
  });

  it('reads stdin for -f -', async () => {
    const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts: [httpbin]
  http:
    - route:
        - destination:
            host: httpbin
`;
    const r = await mesh(['apply', '-f', '-', ...cpFlag()], text);
    expect(r).toMatchObject({ code: 0, stdout: 'virtualservice.networking.istio.io/httpbin created\n' });
  });

  it('prints the file:line of an invalid file on stderr, exits 1 and changes nothing', async () => {
    const version = t.cp.version;
    const bad = join(files, 'bad.yaml');
    writeFileSync(
      bad,
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: x\nspec:\n  hostz: [x]\n',
    );
    const r = await mesh(['apply', '-f', bad, ...cpFlag()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:3 spec\\.hostz: `),
    );
    // Two findings at that field: the unknown field, and so no route at all.
    expect(lines[1]).toContain(':6:3 spec: expected at least one http, tls or tcp route');
    expect(lines.at(-1)).toBe('mesh apply: 2 error(s); nothing was changed');
    expect(t.cp.version).toBe(version);
    rmSync(bad);
  });

  it('deletes with kubectl lines, and NotFound on stderr with exit 1 for what is gone', async () => {
    const r = await mesh(['delete', '-f', VS, ...cpFlag()]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'virtualservice.networking.istio.io "productpage" deleted',
      'virtualservice.networking.istio.io "reviews" deleted',
      'virtualservice.networking.istio.io "ratings" deleted',
      'virtualservice.networking.istio.io "details" deleted',
    ]);
    const again = await deleteCommand({ files: [VS], controlPlane: t.cp.apiAddress });
    expect(again.exitCode).toBe(1);
    expect(again.stderr[0]).toBe(
      'Error from server (NotFound): virtualservices.networking.istio.io "productpage" not found',
    );
  });

  it('-o json prints the control plane answer, -o name the resource names', async () => {
    const json = await applyCommand({ files: [VS], controlPlane: t.cp.apiAddress, output: 'json' });
    const body = JSON.parse(json.stdout) as { version: number; results: { action: string }[] };
    expect(body.version).toBe(t.cp.version);
    expect(body.results.map((x) => x.action)).toEqual(['created', 'created', 'created', 'created']);
    const name = await applyCommand({ files: [VS], controlPlane: t.cp.apiAddress, output: 'name' });
    expect(name.stdout.split('\n')[0]).toBe('virtualservice.networking.istio.io/productpage');
    const bad = await applyCommand({ files: [VS], controlPlane: t.cp.apiAddress, output: 'yaml' });
    expect(bad).toMatchObject({ exitCode: 1, stderr: ['mesh apply: -o yaml: expected json or name'] });
  });

  it('says clearly when no dev mesh is running', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as { port: number }).port;
    await new Promise<void>((r) => s.close(() => r()));
    const r = await mesh(['apply', '-f', VS, '--control-plane', `127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `mesh apply: no dev mesh at 127.0.0.1:${port}: start one with \`mesh dev DIR\``,
    );
  });

  it('names a missing file as kubectl does, without calling the mesh', async () => {
    const r = await mesh(['delete', '-f', join(files, 'nope.yaml'), ...cpFlag()]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`error: the path "${join(files, 'nope.yaml')}" does not exist`);
  });

  it('has --help for both commands, and -f is required', async () => {
    const apply = await mesh(['apply', '--help']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('--control-plane <host:port>');
    expect(apply.stdout).toContain('127.0.0.1:15014');
    expect((await mesh(['delete', '--help'])).stdout).toContain('mesh delete -f samples/bookinfo');
    const none = await mesh(['apply']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("required option '-f, --filename <path>' not specified");
  });

  it('names resources as kubectl does (group, plural)', () => {
    expect(resourceType({ kind: 'Service', group: '' })).toBe('service');
    expect(resourceType({ kind: 'Deployment', group: 'apps' })).toBe('deployment.apps');
    expect(resourcePlural({ kind: 'ServiceEntry', group: 'networking.istio.io' })).toBe(
      'serviceentries.networking.istio.io',
    );
    expect(resourcePlural({ kind: 'AuthorizationPolicy', group: 'security.istio.io' })).toBe(
      'authorizationpolicies.security.istio.io',
    );
    expect(resourcePlural({ kind: 'Gateway', group: 'networking.istio.io' })).toBe(
      'gateways.networking.istio.io',
    );
  });
});
