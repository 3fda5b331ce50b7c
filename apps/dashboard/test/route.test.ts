// Hash routes: parse and format round trip, unknown views fall back to the graph.
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../src/route.js';
import { isTraceArg } from '../src/state.js';

describe('routes', () => {
  it('parses views and arguments', () => {
    expect(parseRoute('')).toEqual({ view: 'graph' });
    expect(parseRoute('#/metrics')).toEqual({ view: 'metrics' });
    expect(parseRoute('#/requests/42')).toEqual({ view: 'requests', arg: '42' });
    expect(parseRoute('#/nope/1')).toEqual({ view: 'graph' });
    expect(parseRoute('#/requests/100%')).toEqual({ view: 'requests', arg: '100%' });
  });

  it('round-trips proxy ids and filters through the hash', () => {
    for (const arg of [
      'sidecar~127.0.0.1~reviews-v1.default~default.svc.cluster.local',
      'source:a destination:b/c',
    ]) {
      const hash = routeHash('config', arg);
      expect(hash.startsWith('#/config/')).toBe(true);
      expect(parseRoute(hash)).toEqual({ view: 'config', arg });
    }
    expect(routeHash('timeline')).toBe('#/timeline');
  });

  it('tells a trace id from a log filter', () => {
    expect(isTraceArg('17')).toBe(true);
    expect(isTraceArg('source:reviews-v1')).toBe(false);
    expect(isTraceArg(undefined)).toBe(false);
  });
});
