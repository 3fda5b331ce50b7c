// `mesh inject -f` prints the manifests with sidecars added (the injector's injectManifests, byte for byte for
// documents it does not touch); bad input gives a clear message and exit status 1.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { injectManifests } from '@minimesh/injector';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgram, injectCommand } from '../src/index.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../dist/bin/mesh.js', import.meta.url));

const CONFIG_MAP = `# settings, kept as written
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }   # flow style stays
data: { greeting: "hello" }
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-v1
  namespace: default
spec:
  selector:
    matchLabels: { app: reviews }
  template:
    metadata:
      labels: { app: reviews, version: v1 }
    spec:
      containers:
      - name: reviews
        image: example/reviews:1
        ports:
        - containerPort: 9080
`;
const HOST_NETWORK_POD = `apiVersion: v1
kind: Pod
metadata: { name: node-agent, namespace: default }
spec:
  hostNetwork: true
  containers:
  - { name: agent, image: example/agent:1 }
`;

describe('mesh inject', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesh-inject-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the init and proxy containers to a Deployment and leaves other documents as they were', async () => {
    const file = join(dir, 'app.yaml');
    writeFileSync(file, `${CONFIG_MAP}---\n${DEPLOYMENT}`);
    const outcome = await injectCommand({ file });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout.startsWith(CONFIG_MAP)).toBe(true);
    expect(outcome.stdout).toContain('name: istio-proxy');
    expect(outcome.stdout).toContain('name: istio-init');
    expect(outcome.stdout).toContain('sidecar.istio.io/status');
    // The command is the library call, nothing more.
    expect(outcome.stdout).toBe(injectManifests(`${CONFIG_MAP}---\n${DEPLOYMENT}`, { file }).text);
  });

  it('says which workload it skipped and why (hostNetwork)', async () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, HOST_NETWORK_POD);
    const outcome = await injectCommand({ file });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).not.toContain('istio-proxy');
    expect(outcome.stderr.join('\n')).toMatch(
      /pod\.yaml:1 Pod node-agent not injected \[[A-Z0-9_]+\]: .*host ?network/i,
    );
  });

  it('reports a missing file and a broken manifest with exit status 1', async () => {
    const missing = await injectCommand({ file: join(dir, 'nope.yaml') });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr[0]).toMatch(/^mesh inject: cannot read .*nope\.yaml/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec: [not, a, map\n',
    );
    const bad = await injectCommand({ file: broken });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/broken\.yaml/);
  });

  it('writes to -o and runs from the built binary', async () => {
    const file = join(dir, 'app.yaml');
    const out = join(dir, 'out.yaml');
    writeFileSync(file, DEPLOYMENT);
    const { stdout } = await run(process.execPath, [bin, 'inject', '-f', file]);
    expect(stdout).toBe(injectManifests(DEPLOYMENT, { file }).text);
    const lines: string[] = [];
    const code = await createProgram({ out: (l) => lines.push(l), err: (l) => lines.push(l) }).run([
      'inject',
      '-f',
      file,
      '-o',
      out,
    ]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(stdout);
  });
});

describe('mesh inject-webhook', () => {
  it('refuses to start without its TLS files, naming the flags', async () => {
    const lines: string[] = [];
    const code = await createProgram({ out: (l) => lines.push(l), err: (l) => lines.push(l) }).run([
      'inject-webhook',
      '--listen',
      '127.0.0.1:0',
    ]);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/--tls-cert and --tls-key are required/);
  });
});
