// What-if over examples/bookinfo: recorded productpage -> reviews requests replayed against an edited file that is
// not applied: the 50/50 shift moves a share of the v1 requests to v3, full v3 moves every v1 request, bad YAML
// gives file:line:col diagnostics and replays nothing, and paths outside the mesh directory are refused.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WhatIfError } from '../../src/dashboard/config/trace-error.js';
import { resolveMeshFile, whatIf } from '../../src/dashboard/config/what-if.js';
import type { RequestRecord } from '../../src/dashboard/protocol.js';
import { BOOKINFO } from '../offline-fixtures.js';
import {
  ALL_V1,
  DR_ALL,
  load,
  MANIFESTS,
  nodeIdOf,
  reviews,
  reviewsRecord,
  SHIFT_50,
} from './config-fixtures.js';

const SHIFT_FILE = 'networking/traffic-shifting/virtual-service-reviews-50-v3.yaml';
const V3_FILE = 'networking/traffic-shifting/virtual-service-reviews-v3.yaml';

describe('whatIf', () => {
  it('shows a share of the v1 requests moving to v3 when the 50/50 file is the edit', async () => {
    const current = await load(MANIFESTS, DR_ALL, ALL_V1);
    const pp = nodeIdOf(current, 'productpage-v1');
    const records: RequestRecord[] = [];
    for (let i = 0; i < 200; i++) records.push(reviewsRecord(pp, reviews('v1'), 1_000 + i));
    // Destination-reported records are not replayed.
    records.push(
      reviewsRecord(nodeIdOf(current, 'reviews-v1'), 'inbound|9080||', 5_000, { reporter: 'destination' }),
    );
    const r = whatIf({
      records,
      current,
      dir: BOOKINFO,
      file: SHIFT_FILE,
      content: readFileSync(SHIFT_50, 'utf8'),
    });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.replayed).toBe(200);
    for (const c of r.changed) {
      expect(c.before).toMatchObject({ outcome: 'routed', cluster: reviews('v1'), flags: '-' });
      expect(c.after).toMatchObject({ outcome: 'routed', cluster: reviews('v3'), flags: '-' });
    }
    // About half move (each request keeps its own draw); far from none and from all.
    expect(r.changed.length).toBeGreaterThan(60);
    expect(r.changed.length).toBeLessThan(140);
    // The newest first; `limit` takes the most recent records only.
    expect(r.changed[0]?.request.time).toBeGreaterThan(r.changed[r.changed.length - 1]?.request.time ?? 0);
    const limited = whatIf({
      records,
      current,
      dir: BOOKINFO,
      file: SHIFT_FILE,
      content: readFileSync(SHIFT_50, 'utf8'),
      limit: 10,
    });
    expect(limited.replayed).toBe(10);
    expect(limited.changed.every((c) => c.request.time >= 1_190)).toBe(true);
  });

  it('moves exactly the requests that went to v1 under 50/50 when the edit sends all to v3', async () => {
    const current = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const pp = nodeIdOf(current, 'productpage-v1');
    const records = Array.from({ length: 40 }, (_, i) =>
      reviewsRecord(pp, reviews(i % 4 === 0 ? 'v1' : 'v3'), 2_000 + i),
    );
    const content = readFileSync(join(BOOKINFO, V3_FILE), 'utf8');
    const r = whatIf({ records, current, dir: BOOKINFO, file: SHIFT_FILE, content });
    expect(r.replayed).toBe(40);
    expect(r.changed).toHaveLength(10);
    expect(
      r.changed.every((c) => c.before.cluster === reviews('v1') && c.after.cluster === reviews('v3')),
    ).toBe(true);
  });

  it('reports an abort fault as a change of outcome, status and flags', async () => {
    const current = await load(MANIFESTS, DR_ALL, ALL_V1);
    const pp = nodeIdOf(current, 'productpage-v1');
    const record = reviewsRecord(pp, reviews('v1'), 1, { headers: { 'end-user': 'jason' } });
    const content = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      '  name: reviews',
      'spec:',
      '  hosts: [reviews]',
      '  http:',
      '    - match:',
      '        - headers:',
      '            end-user:',
      '              exact: jason',
      '      fault:',
      '        abort:',
      '          percentage: { value: 100 }',
      '          httpStatus: 500',
      '      route:',
      '        - destination: { host: reviews, subset: v1 }',
      '    - route:',
      '        - destination: { host: reviews, subset: v1 }',
      '',
    ].join('\n');
    const r = whatIf({ records: [record], current, dir: BOOKINFO, file: 'new/abort.yaml', content });
    expect(r.changed).toHaveLength(1);
    expect(r.changed[0]?.after).toMatchObject({ outcome: 'fault_abort', status: 500, flags: 'FI' });
  });

  it('gives file:line:col diagnostics for bad YAML and replays nothing', async () => {
    const current = await load(MANIFESTS, DR_ALL, ALL_V1);
    const records = [reviewsRecord(nodeIdOf(current, 'productpage-v1'), reviews('v1'), 1)];
    const bad = readFileSync(SHIFT_50, 'utf8').replace('weight: 50', 'weight: ten');
    const r = whatIf({ records, current, dir: BOOKINFO, file: SHIFT_FILE, content: bad });
    expect(r.ok).toBe(false);
    expect(r.replayed).toBe(0);
    expect(r.changed).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatch(
      new RegExp(
        `^${join(BOOKINFO, SHIFT_FILE).replace(/[.]/g, '\\.')}:15:19: spec\\.http\\[0\\]\\.route\\[0\\]\\.weight: `,
      ),
    );
    const syntax = whatIf({ records, current, dir: BOOKINFO, file: SHIFT_FILE, content: 'kind: [\n' });
    expect(syntax.ok).toBe(false);
    expect(syntax.diagnostics[0]).toMatch(/virtual-service-reviews-50-v3\.yaml:\d+:\d+: /);
  });

  it('refuses, as the control plane would, an edit whose workload plan has errors', async () => {
    const current = await load(MANIFESTS, DR_ALL, ALL_V1);
    const records = [reviewsRecord(nodeIdOf(current, 'productpage-v1'), reviews('v1'), 1)];
    const content = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: tool }',
      'spec:',
      '  selector: { matchLabels: { app: tool } }',
      '  template:',
      '    metadata:',
      '      labels: { app: tool }',
      "      annotations: { minimesh.dev/run: ' ' }",
      '    spec:',
      '      containers: [{ name: tool, image: tool }]',
      '',
    ].join('\n');
    const r = whatIf({ records, current, dir: BOOKINFO, file: 'tool.yaml', content });
    expect(r.ok).toBe(false);
    expect(r.replayed).toBe(0);
    expect(r.diagnostics).toEqual([
      expect.stringMatching(/tool\.yaml:9:\d+: .*minimesh\.dev\/run.*: is empty/),
    ]);
  });

  it('leaves out records of proxies the config does not plan', async () => {
    const current = await load(MANIFESTS, DR_ALL, ALL_V1);
    const ghost = reviewsRecord(
      'sidecar~10.0.0.9~ghost-0.default~default.svc.cluster.local',
      reviews('v1'),
      1,
    );
    const r = whatIf({
      records: [ghost],
      current,
      dir: BOOKINFO,
      file: SHIFT_FILE,
      content: readFileSync(SHIFT_50, 'utf8'),
    });
    expect(r).toEqual({ ok: true, diagnostics: [], replayed: 0, changed: [] });
  });
});

describe('resolveMeshFile', () => {
  it('resolves paths inside the directory and refuses others with a code', () => {
    expect(resolveMeshFile('/mesh', 'a/b.yaml')).toBe('/mesh/a/b.yaml');
    expect(resolveMeshFile('/mesh/', '/mesh/c.yml')).toBe('/mesh/c.yml');
    const code = (file: string) => {
      try {
        resolveMeshFile('/mesh', file);
        return 'ok';
      } catch (err) {
        expect(err).toBeInstanceOf(WhatIfError);
        return (err as WhatIfError).code;
      }
    };
    expect(code('../etc/x.yaml')).toBe('WHATIF_OUTSIDE_DIR');
    expect(code('/etc/x.yaml')).toBe('WHATIF_OUTSIDE_DIR');
    expect(code('/meshy/x.yaml')).toBe('WHATIF_OUTSIDE_DIR');
    expect(code('.')).toBe('WHATIF_OUTSIDE_DIR');
    expect(code('notes.txt')).toBe('WHATIF_NOT_YAML');
    expect(() => resolveMeshFile('/mesh', 'notes.txt')).toThrow(
      /notes\.txt.*expected a \.yaml or \.yml file/,
    );
    expect(code('.git/config.yaml')).toBe('WHATIF_OUTSIDE_DIR');
    expect(code('node_modules/x/a.yaml')).toBe('WHATIF_OUTSIDE_DIR');
  });

  it('refuses a path that leads out of the directory through a symbolic link (real files)', () => {
    const root = mkdtempSync(join(tmpdir(), 'mesh-whatif-'));
    const outside = mkdtempSync(join(tmpdir(), 'mesh-outside-'));
    try {
      mkdirSync(join(root, 'manifests'));
      symlinkSync(outside, join(root, 'linked'));
      writeFileSync(join(outside, 'real.yaml'), 'a: 1\n');
      symlinkSync(join(outside, 'real.yaml'), join(root, 'manifests', 'alias.yaml'));
      expect(resolveMeshFile(root, 'manifests/new.yaml')).toBe(join(root, 'manifests', 'new.yaml'));
      expect(() => resolveMeshFile(root, 'linked/x.yaml')).toThrow(/symbolic link/);
      expect(() => resolveMeshFile(root, 'linked/deeper/x.yaml')).toThrow(/symbolic link/);
      expect(() => resolveMeshFile(root, 'manifests/alias.yaml')).toThrow(/symbolic link/);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
