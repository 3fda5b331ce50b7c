// `mesh dev` when it cannot or must not run on: a port in use, a missing directory, invalid manifests, apps not
// built (each one clear message, exit status 1, nothing left running), `--help`, and a `mesh dev` killed with
// SIGKILL (its children notice and stop: child-watchdog.ts). Only the last test starts a (tiny) mesh.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  alive,
  childPids,
  devArgs,
  removeMeshDirs,
  runMesh,
  startMesh,
  waitFor,
} from './dev-mesh-helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mesh-dev-fail-'));
});
afterEach(() => removeMeshDirs(dir));

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector: { app: hello }
  ports:
    - { name: http, port: 9080 }
`;

const deployment = (run: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-v1
spec:
  selector:
    matchLabels: { app: hello }
  template:
    metadata:
      labels: { app: hello, version: v1 }
      annotations:
        minimesh.dev/run: ${run}
    spec:
      containers:
        - name: hello
          image: hello
          ports:
            - containerPort: 9080
`;

/** A tiny app: answers its pod name on PORT. */
const SERVER = `import http from 'node:http';
const s = http.createServer((req, res) => res.end(process.env.POD_NAME));
s.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`;

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return { server, port: typeof a === 'object' && a !== null ? a.port : 0 };
}

describe('mesh dev failures', () => {
  it('names a gateway port in use and the option to change it; starts nothing', async () => {
    writeFileSync(join(dir, 'svc.yaml'), SERVICE);
    const { server, port } = await listen();
    try {
      const m = runMesh(devArgs(dir, { gateway: port }));
      expect(await m.exited).toBe(1);
      expect(m.stderr().trim()).toBe(
        `mesh dev: 127.0.0.1:${port} (the ingress gateway) is in use; stop what listens there (another \`mesh dev\`?) or choose another port with --gateway-port <port> (0 = any free port)`,
      );
      expect(m.stdout()).toBe('');
    } finally {
      server.close();
    }
  }, 20_000);

  it('names an xDS port in use with --xds-port', async () => {
    writeFileSync(join(dir, 'svc.yaml'), SERVICE);
    const { server, port } = await listen();
    try {
      const m = runMesh(devArgs(dir, { xds: port }));
      expect(await m.exited).toBe(1);
      expect(m.stderr()).toContain(`127.0.0.1:${port} (the xDS server) is in use`);
      expect(m.stderr()).toContain('--xds-port <port>');
    } finally {
      server.close();
    }
  }, 20_000);

  it('names a missing directory', async () => {
    const m = runMesh(['dev', join(dir, 'nope'), '--gateway-port', '0']);
    expect(await m.exited).toBe(1);
    expect(m.stderr().trim()).toBe(
      `mesh dev: ${join(dir, 'nope')} does not exist; expected a directory of manifests, e.g. mesh dev ./examples/bookinfo`,
    );
  }, 20_000);

  it('reports invalid manifests with file:line and starts nothing', async () => {
    writeFileSync(join(dir, 'svc.yaml'), SERVICE.replace('port: 9080', 'port: nine'));
    const m = runMesh(devArgs(dir));
    expect(await m.exited).toBe(1);
    expect(m.stderr()).toContain(`error: ${join(dir, 'svc.yaml')}:8:`);
    expect(m.stderr()).toMatch(/spec\.ports\[0\]\.port: expected a number/);
    expect(m.stderr()).toContain(`mesh dev: 1 error(s) in ${dir}; nothing was started`);
  }, 20_000);

  it('names a minimesh.dev/run script that is not built, at its file:line', async () => {
    writeFileSync(join(dir, 'app.yaml'), `${SERVICE}---\n${deployment('node dist/hello.js')}`);
    const m = runMesh(devArgs(dir));
    expect(await m.exited).toBe(1);
    expect(m.stderr()).toMatch(
      new RegExp(`${join(dir, 'app.yaml')}:\\d+ minimesh.dev/run: dist/hello.js does not exist in `),
    );
    expect(m.stderr()).toContain('build the apps first');
  }, 30_000);

  it('reports a crashing app with its last log lines, and names what is not ready at the bound', async () => {
    writeFileSync(join(dir, 'app.yaml'), `${SERVICE}---\n${deployment('node crash.mjs')}`);
    writeFileSync(
      join(dir, 'crash.mjs'),
      "console.error('hello: cannot open the database'); process.exit(1);\n",
    );
    const m = runMesh(devArgs(dir, {}, ['--ready-timeout', '2', '--logs', `${dir}-logs`]));
    expect(await m.exited).toBe(1);
    const err = m.stderr();
    expect(err).toMatch(
      /mesh dev: hello-v1-\S+ exited with code 1; restarting in 1s\n {2}last lines of \S+hello-v1-\S+\.log:\n/,
    );
    expect(err).toContain('  | hello: cannot open the database');
    expect(err).toMatch(/mesh dev: not ready after 2 s; waiting for: app hello-v1-\S+: not listening on \d+/);
    expect(m.stdout()).toBe('');
  }, 30_000);

  it('lists its options in --help', async () => {
    const m = runMesh(['dev', '--help']);
    expect(await m.exited).toBe(0);
    for (const flag of [
      '--gateway-port',
      '--xds-port',
      '--api-port',
      '--dashboard-port',
      '--no-dashboard',
      '--logs',
      '--exclude',
      '--ready-timeout',
    ])
      expect(m.stdout()).toContain(flag);
  }, 20_000);

  it('leaves no child behind when `mesh dev` itself is killed with SIGKILL', async () => {
    writeFileSync(join(dir, 'app.yaml'), `${SERVICE}---\n${deployment('node server.mjs')}`);
    writeFileSync(join(dir, 'server.mjs'), SERVER);
    const mesh = await startMesh(dir);
    const pids = childPids(mesh.child.pid ?? 0);
    expect(pids).toHaveLength(3); // the gateway's proxy, hello's sidecar, hello
    mesh.child.kill('SIGKILL');
    await mesh.exited;
    await waitFor(() => pids.every((p) => !alive(p)), 'every child to stop', 15_000);
  }, 60_000);
});
