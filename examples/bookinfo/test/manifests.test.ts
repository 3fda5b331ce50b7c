// The manifests and task configs: they load with the model's loader with no error or warning, they are
// consistent with each other (labels, selectors, service accounts, subsets, hosts), and every Deployment runs
// locally exactly as its minimesh.dev/run and minimesh.dev/env annotations say.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadedResource, listManifestFiles, loadDirectory, loadFile } from '@minimesh/model';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PKG = fileURLToPath(new URL('..', import.meta.url));
const MANIFESTS = fileURLToPath(new URL('../manifests', import.meta.url));
const NETWORKING = fileURLToPath(new URL('../networking', import.meta.url));

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)[k], v);

/** `KEY=VALUE` pairs separated by whitespace, as the README defines minimesh.dev/env. */
function parseEnvAnnotation(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(/\s+/).filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`not KEY=VALUE: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

let manifests: LoadedResource[];
let deployments: LoadedResource[];

beforeAll(async () => {
  const result = await loadDirectory(MANIFESTS);
  expect(result.diagnostics).toEqual([]);
  manifests = result.resources;
  deployments = manifests.filter((r) => r.kind === 'Deployment');
});

const podTemplate = (d: LoadedResource) => obj(at(d.object, 'spec', 'template'));
const annotations = (d: LoadedResource) =>
  obj(at(podTemplate(d), 'metadata', 'annotations')) as Record<string, string>;
const container = (d: LoadedResource) => obj(arr(at(podTemplate(d), 'spec', 'containers'))[0]);

describe('manifests/', () => {
  it('load with no error or warning: bookinfo, httpbin v1/v2, the load client and the ingress', () => {
    const names = (kind: string) =>
      manifests
        .filter((r) => r.kind === kind)
        .map((r) => r.name)
        .sort();
    expect(names('Deployment')).toEqual([
      'details-v1',
      'fortio-v1',
      'httpbin-v1',
      'httpbin-v2',
      'productpage-v1',
      'ratings-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    expect(names('Service')).toEqual(['details', 'fortio', 'httpbin', 'productpage', 'ratings', 'reviews']);
    expect(names('Gateway')).toEqual(['bookinfo-gateway']);
    expect(names('VirtualService')).toEqual(['bookinfo']);
  });

  it('are the only manifests `mesh dev` loads once networking/ is skipped', async () => {
    const all = (await listManifestFiles(PKG)).map((f) => relative(PKG, f));
    const outside = all.filter((f) => !f.startsWith('networking/'));
    expect(outside.every((f) => f.startsWith('manifests/'))).toBe(true);
    expect(outside.length).toBeGreaterThan(0);
  });

  it('label Deployments with app and version, select them, and name existing service accounts', () => {
    const accounts = new Set(manifests.filter((r) => r.kind === 'ServiceAccount').map((r) => r.name));
    for (const d of deployments) {
      const labels = obj(at(podTemplate(d), 'metadata', 'labels'));
      expect(d.name).toBe(`${labels.app}-${labels.version}`);
      expect(at(d.object, 'spec', 'selector', 'matchLabels')).toEqual({
        app: labels.app,
        version: labels.version,
      });
      expect(accounts.has(String(at(podTemplate(d), 'spec', 'serviceAccountName')))).toBe(true);
    }
    for (const s of manifests.filter((r) => r.kind === 'Service')) {
      const selector = obj(at(s.object, 'spec', 'selector'));
      const port = obj(arr(at(s.object, 'spec', 'ports'))[0]);
      const selected = deployments.filter((d) =>
        Object.entries(selector).every(([k, v]) => obj(at(podTemplate(d), 'metadata', 'labels'))[k] === v),
      );
      expect(selected.length, s.name).toBeGreaterThan(0);
      for (const d of selected) {
        const containerPort = obj(arr(container(d).ports)[0]).containerPort;
        expect(containerPort).toBe(port.targetPort ?? port.port);
      }
    }
  });

  it('state the local run in annotations that agree with the container (command, env)', () => {
    for (const d of deployments) {
      const a = annotations(d);
      const run = a['minimesh.dev/run']?.split(/\s+/) ?? [];
      expect(run[0], d.name).toBe('node');
      expect(existsSync(`${PKG}/${run[1]?.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}`), d.name).toBe(
        true,
      );
      const c = container(d);
      expect(c.command, d.name).toEqual(run);
      expect(c.image).toBe('ghcr.io/minimesh/bookinfo:0.1.0');
      // The container's literal env minus what the platform decides (HOST, PORT) is the annotation's env.
      const literal = Object.fromEntries(
        arr(c.env)
          .map(obj)
          .filter((e) => typeof e.value === 'string' && e.name !== 'HOST' && e.name !== 'PORT')
          .map((e) => [e.name, e.value]),
      );
      expect(parseEnvAnnotation(a['minimesh.dev/env']), d.name).toEqual(literal);
    }
  });
});

describe('every Deployment run as its annotations say', () => {
  const procs: ChildProcess[] = [];
  const agent = new Agent();

  afterAll(async () => {
    for (const p of procs) {
      if (p.exitCode === null && p.signalCode === null) {
        p.kill('SIGTERM');
        await once(p, 'exit');
      }
    }
    await agent.close();
  });

  it('listens on the PORT it is given and answers its readiness probe', async () => {
    const started = await Promise.all(
      deployments.map(async (d) => {
        const a = annotations(d);
        const [cmd, ...args] = a['minimesh.dev/run']?.split(/\s+/) ?? [];
        expect(cmd).toBe('node');
        const env = {
          PATH: process.env.PATH ?? '',
          ...parseEnvAnnotation(a['minimesh.dev/env']),
          PORT: '0',
          HOST: '127.0.0.1',
          POD_NAME: `${d.name}-local`,
        };
        const child = spawn(process.execPath, args, { cwd: PKG, env, stdio: ['ignore', 'ignore', 'pipe'] });
        procs.push(child);
        let err = '';
        child.stderr?.setEncoding('utf8');
        const url = await new Promise<string>((resolve, reject) => {
          child.stderr?.on('data', (chunk: string) => {
            err += chunk;
            const m = /listening on (http:\/\/\S+)/.exec(err);
            if (m?.[1]) resolve(m[1]);
          });
          child.once('exit', (code) => reject(new Error(`${d.name} exited with ${code}: ${err}`)));
        });
        return { d, url };
      }),
    );
    for (const { d, url } of started) {
      const probe = String(at(container(d), 'readinessProbe', 'httpGet', 'path'));
      const res = await request(`${url}${probe}`, { dispatcher: agent });
      await res.body.dump();
      expect(res.statusCode, d.name).toBe(200);
    }
  });
});

describe('networking/', () => {
  it('each file loads alone with no error or warning', async () => {
    const files = await listManifestFiles(NETWORKING);
    expect(files.length).toBeGreaterThanOrEqual(19);
    for (const f of files) {
      const r = await loadFile(f);
      expect(r.diagnostics, f).toEqual([]);
      expect(r.resources.length, f).toBeGreaterThan(0);
    }
  });

  it('route only to hosts and subsets that exist', async () => {
    const files = await listManifestFiles(NETWORKING);
    const loaded = (await Promise.all(files.map((f) => loadFile(f)))).flatMap((r) => r.resources);
    const services = new Set(manifests.filter((r) => r.kind === 'Service').map((r) => r.name));
    for (const se of loaded.filter((r) => r.kind === 'ServiceEntry')) {
      for (const h of arr(at(se.object, 'spec', 'hosts'))) services.add(String(h));
    }
    // Subsets per host over every DestinationRule; each subset's labels select a Deployment.
    const subsets = new Map<string, Set<string>>();
    for (const dr of loaded.filter((r) => r.kind === 'DestinationRule')) {
      const host = String(at(dr.object, 'spec', 'host'));
      expect(services.has(host), dr.source.file).toBe(true);
      for (const s of arr(at(dr.object, 'spec', 'subsets')).map(obj)) {
        const labels = obj(s.labels);
        const hit = deployments.some(
          (d) =>
            obj(at(podTemplate(d), 'metadata', 'labels')).app === host &&
            Object.entries(labels).every(([k, v]) => obj(at(podTemplate(d), 'metadata', 'labels'))[k] === v),
        );
        expect(hit, `${host} subset ${s.name}`).toBe(true);
        subsets.set(host, (subsets.get(host) ?? new Set()).add(String(s.name)));
      }
    }
    for (const vs of loaded.filter((r) => r.kind === 'VirtualService')) {
      for (const route of arr(at(vs.object, 'spec', 'http')).map(obj)) {
        const dests = [
          ...arr(route.route).map((r) => obj(obj(r).destination)),
          ...(route.mirror ? [obj(route.mirror)] : []),
        ];
        for (const dest of dests) {
          expect(services.has(String(dest.host)), `${vs.source.file} -> ${dest.host}`).toBe(true);
          if (dest.subset !== undefined)
            expect(subsets.get(String(dest.host))?.has(String(dest.subset)), vs.source.file).toBe(true);
        }
      }
    }
  });
});
