// The dashboard's config tables over examples/bookinfo: the version history, productpage's sidecar chain rows
// (listener -> route config -> virtual host -> route -> clusters -> endpoints), and the loaded resources with the
// analyzers' messages inline.
import { loadManifests } from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import { chainRows, describeMatch } from '../../src/dashboard/config/chain-table.js';
import { ConfigHistory } from '../../src/dashboard/config/config-history.js';
import { meshResources } from '../../src/dashboard/config/mesh-resources.js';
import { translateNode } from '../../src/dashboard/config/node-translation.js';
import { DR_ALL, load, MANIFESTS, nodeIdOf, reviews, SHIFT_50, TEST_V2 } from './config-fixtures.js';

describe('ConfigHistory', () => {
  it('answers the version live at a time and drops the oldest resource sets beyond keep', async () => {
    const base = await load(MANIFESTS);
    const h = new ConfigHistory(2);
    expect(h.versionAt(5)).toBe(0);
    expect(h.latest()).toBeUndefined();
    h.record(1, 100, base);
    h.record(2, 200, base.slice(1));
    h.record(3, 300, base.slice(2));
    expect(h.versionAt(99)).toBe(0);
    expect(h.versionAt(100)).toBe(1);
    expect(h.versionAt(250)).toBe(2);
    expect(h.versionAt(10_000)).toBe(3);
    expect(h.at(1)).toBeUndefined();
    expect(h.at(2)).toHaveLength(base.length - 1);
    expect(h.latest()?.version).toBe(3);
    expect(h.versions()).toEqual([2, 3]);
    expect(h.timeOf(1)).toBe(100);
  });
});

describe('chainRows', () => {
  it("lists productpage's outbound 0.0.0.0_9080 chain down to the reviews subsets and their pods", async () => {
    const resources = await load(MANIFESTS, DR_ALL, TEST_V2);
    const t = translateNode(resources, nodeIdOf(resources, 'productpage-v1'));
    const rows = chainRows(t.translation);
    const reviewsRows = rows.filter(
      (r) => r.listener === '0.0.0.0_9080' && r.virtualHost === 'reviews.default.svc.cluster.local:9080',
    );
    expect(reviewsRows).toHaveLength(2);
    const [jason, rest] = reviewsRows;
    expect(jason).toMatchObject({
      filter: 'http_connection_manager',
      routeConfig: '9080',
      match: 'prefix / headers end-user=jason',
      clusters: [reviews('v2')],
      config: { kind: 'VirtualService', name: 'reviews', file: TEST_V2, line: 11, field: 'spec.http[0]' },
    });
    expect(jason?.domains).toContain('reviews');
    expect(rest).toMatchObject({
      match: 'prefix /',
      clusters: [reviews('v1')],
      config: { field: 'spec.http[1]' },
    });
    const pods = new Map(t.plan.instances.map((i) => [`${i.address}:9080`, i.workloadName]));
    expect(jason?.endpoints.map((e) => pods.get(e))).toEqual(['reviews-v2']);
    expect(rest?.endpoints.map((e) => pods.get(e))).toEqual(['reviews-v1']);
    // TCP chains and inbound chains are rows too.
    expect(rows.some((r) => r.listener === 'virtualInbound' && r.filter === 'tcp_proxy')).toBe(true);
    expect(rows.find((r) => r.routeConfig === 'inbound|9080||')?.clusters).toEqual(['inbound|9080||']);
  });

  it('shows a weighted route as name (weight) entries with the endpoints of both subsets', async () => {
    const resources = await load(MANIFESTS, DR_ALL, SHIFT_50);
    const t = translateNode(resources, nodeIdOf(resources, 'productpage-v1'));
    const row = chainRows(t.translation).find(
      (r) => r.listener === '0.0.0.0_9080' && r.virtualHost === 'reviews.default.svc.cluster.local:9080',
    );
    expect(row?.clusters).toEqual([`${reviews('v1')} (50)`, `${reviews('v3')} (50)`]);
    expect(row?.endpoints).toHaveLength(2);
  });

  it('describes matches in envoyctl words', () => {
    expect(describeMatch({ path: '/login' })).toBe('path /login');
    expect(
      describeMatch({
        safe_regex: { regex: '^/api' },
        headers: [
          { name: 'x', string_match: { prefix: 'a' } },
          { name: 'y', present_match: true, invert_match: true },
        ],
      }),
    ).toBe('regex ^/api headers x^=a, !y');
  });
});

describe('meshResources', () => {
  it('lists resources sorted by kind/namespace/name with the analysis message of a broken VirtualService', async () => {
    const broken = loadManifests(
      [
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata:',
        '  name: broken',
        'spec:',
        '  hosts: [ratings]',
        '  http:',
        '    - route:',
        '        - destination:',
        '            host: ratings',
        '            subset: v9',
        '',
      ].join('\n'),
      { file: 'broken.yaml' },
    );
    expect(broken.ok).toBe(true);
    const list = meshResources([...(await load(MANIFESTS, DR_ALL)), ...broken.resources]);
    const keys = list.map((r) => `${r.kind}/${r.namespace}/${r.name}`);
    expect(keys).toEqual([...keys].sort());
    const vs = list.find((r) => r.kind === 'VirtualService' && r.name === 'broken');
    expect(vs).toMatchObject({
      namespace: 'default',
      file: 'broken.yaml',
      line: 1,
      apiVersion: 'networking.istio.io/v1',
    });
    expect(vs?.messages).toEqual([
      expect.objectContaining({ code: 'IST0101', level: 'Error', message: expect.stringContaining('v9') }),
    ]);
    const service = list.find((r) => r.kind === 'Service' && r.name === 'reviews');
    expect(service?.messages).toEqual([]);
    expect(service?.file).toMatch(/bookinfo\.yaml$/);
  });
});
