// The request log's filter language over real-shaped records: free text, key:value terms, status classes, exact
// response flags, negation, quoting, and the newest-first row selection with its cap.
import type { RequestRecord, WorkloadRef } from '@minimesh/cli/dashboard-protocol';
import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter, selectRows } from '../src/views/request-filter.js';

function workload(name: string, app: string, version?: string): WorkloadRef {
  return { kind: 'workload', namespace: 'default', workload: name, app, ...(version ? { version } : {}) };
}

function record(id: number, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id,
    time: 1_700_000_000_000 + id * 10,
    reporter: 'source',
    proxy: 'sidecar~10.0.0.1~productpage-v1-abc.default~default.svc.cluster.local',
    source: workload('productpage-v1', 'productpage', 'v1'),
    destination: workload('reviews-v2', 'reviews', 'v2'),
    service: 'reviews.default.svc.cluster.local',
    method: 'GET',
    path: '/reviews/0',
    authority: 'reviews:9080',
    protocol: 'HTTP/1.1',
    status: 200,
    durationMs: 12,
    flags: '-',
    route: 'reviews-v2-route',
    cluster: 'outbound|9080|v2|reviews.default.svc.cluster.local',
    endpoint: '127.0.0.1:31002',
    configVersion: 3,
    ...over,
  };
}

const ok = record(1);
const fault = record(2, {
  source: workload('reviews-v2', 'reviews', 'v2'),
  destination: workload('ratings-v1', 'ratings', 'v1'),
  path: '/ratings/0',
  status: 500,
  flags: 'FI',
  cluster: 'outbound|9080|v1|ratings.default.svc.cluster.local',
});
const reset = record(3, { status: 0, flags: 'UC,URX', path: '/a b' });
const notFound = record(4, { status: 404, flags: 'NR', route: undefined, cluster: undefined });

const pass = (query: string, r: RequestRecord) => matchesFilter(r, parseFilter(query));

describe('parseFilter', () => {
  it('splits key:value terms, free text, negation and quoted values', () => {
    expect(parseFilter('  reviews  status:5xx -flags:FI path:"/a b" ')).toEqual([
      { value: 'reviews', negate: false },
      { key: 'status', value: '5xx', negate: false },
      { key: 'flags', value: 'fi', negate: true },
      { key: 'path', value: '/a b', negate: false },
    ]);
  });

  it('keeps an unknown key as free text and drops an empty value', () => {
    expect(parseFilter('foo:bar source:')).toEqual([{ value: 'foo:bar', negate: false }]);
    expect(parseFilter('')).toEqual([]);
  });
});

describe('matchesFilter', () => {
  it('matches free text against any column, case-insensitively', () => {
    expect(pass('RATINGS', fault)).toBe(true);
    expect(pass('ratings', ok)).toBe(false);
    expect(pass('31002', ok)).toBe(true);
  });

  it('matches source and destination by workload, app, version and namespace', () => {
    expect(pass('source:productpage', ok)).toBe(true);
    expect(pass('destination:ratings', ok)).toBe(false);
    expect(pass('destination:default/ratings-v1', fault)).toBe(true);
  });

  it('matches status classes and exact statuses, 0 included', () => {
    expect(pass('status:5xx', fault)).toBe(true);
    expect(pass('status:5xx', ok)).toBe(false);
    expect(pass('status:2xx', ok)).toBe(true);
    expect(pass('status:0', reset)).toBe(true);
    expect(pass('status:500', fault)).toBe(true);
    expect(pass('status:50', fault)).toBe(false);
  });

  it('matches one response flag exactly, and flags:- for none', () => {
    expect(pass('flags:FI', fault)).toBe(true);
    expect(pass('flags:F', fault)).toBe(false);
    expect(pass('flags:URX', reset)).toBe(true);
    expect(pass('flags:-', ok)).toBe(true);
    expect(pass('flags:-', fault)).toBe(false);
  });

  it('ANDs terms, negates with a leading dash, and reads quoted paths', () => {
    expect(pass('reviews -status:5xx', ok)).toBe(true);
    expect(pass('reviews -status:5xx', fault)).toBe(false);
    expect(pass('path:"/a b"', reset)).toBe(true);
    expect(pass('route:reviews', notFound)).toBe(false);
    expect(pass('cluster:|v1|', fault)).toBe(true);
  });
});

describe('selectRows', () => {
  it('returns matching records newest first, capped, with the total match count', () => {
    const records = Array.from({ length: 500 }, (_, i) => record(i + 1, i % 2 === 0 ? {} : { status: 503 }));
    const { rows, matched } = selectRows(records, parseFilter('status:503'), 200);
    expect(matched).toBe(250);
    expect(rows).toHaveLength(200);
    expect(rows[0]?.id).toBe(500);
    expect(rows.every((r) => r.status === 503)).toBe(true);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => b - a));
  });

  it('matches everything with no terms', () => {
    const { rows, matched } = selectRows([ok, fault, reset], [], 200);
    expect(matched).toBe(3);
    expect(rows.map((r) => r.id)).toEqual([3, 2, 1]);
  });
});
