// formatSimulation: the short explanation `mesh explain` prints, for each kind of ending.
import { describe, expect, it } from 'vitest';
import { formatSimulation } from '../../src/simulate/format.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { SimulatedCall } from '../../src/simulate/types.js';
import { C, configFor, type Input, type ProxyKind } from './helpers.js';

const DR = 'destination-rule-all.yaml';
const NET = '../../../shared/istio-samples/samples/bookinfo/networking';
const RETRIES = '2 retries (connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes)';

async function explain(proxy: ProxyKind, input: Input, call: SimulatedCall): Promise<string> {
  return formatSimulation(simulate(await configFor(proxy, input), call));
}

describe('formatSimulation', () => {
  it('explains a routed call and the route it skipped', async () => {
    const text = await explain(
      'sidecar',
      { files: ['virtual-service-reviews-test-v2.yaml', DR] },
      { port: 9080, host: 'reviews:9080', headers: { 'end-user': 'alice' } },
    );
    expect(text).toBe(
      [
        'routed',
        '  via listener 0.0.0.0_9080 > chain #0 > route config 9080 > virtual host reviews.default.svc.cluster.local:9080 > route 1',
        `  from VirtualService default/reviews http[1] (${NET}/virtual-service-reviews-test-v2.yaml:17)`,
        `  to ${C('reviews', 'v1')} -> 10.0.0.3:9080`,
        `  timeout none, ${RETRIES}`,
        '  not matched:',
        '    route 0: header end-user: exact "jason" != "alice"',
      ].join('\n'),
    );
  });

  it('explains a missing cluster', async () => {
    const text = await explain(
      'sidecar',
      { files: ['virtual-service-all-v1.yaml'] },
      { port: 9080, host: 'reviews' },
    );
    expect(text.split('\n').slice(0, 1)).toEqual(['no cluster 503 [NC]']);
    expect(text).toContain(`  to ${C('reviews', 'v1')} -> cluster not found`);
  });

  it('explains a gateway 404 with every route it tried', async () => {
    const text = await explain(
      'gateway',
      { files: ['bookinfo-gateway.yaml'] },
      { port: 8080, host: 'x', path: '/nope' },
    );
    expect(text).toBe(
      [
        'no route 404 [NR]',
        '  via listener 0.0.0.0_8080 > chain #0 > route config http.8080 > virtual host *:8080',
        '  not matched:',
        '    route 0: path: exact "/productpage" != "/nope"',
        '    route 1: path: prefix "/static" does not match "/nope"',
        '    route 2: path: exact "/login" != "/nope"',
        '    route 3: path: exact "/logout" != "/nope"',
        '    route 4: path: prefix "/api/v1/products" does not match "/nope"',
      ].join('\n'),
    );
  });

  it('shows an applied delay and an applied abort', async () => {
    const delay = await explain(
      'sidecar',
      { files: ['virtual-service-ratings-test-delay.yaml', DR] },
      { port: 9080, host: 'ratings', headers: { 'end-user': 'jason' } },
    );
    expect(delay.split('\n')[0]).toBe('routed [DI]');
    expect(delay).toContain('  fault delay 7s (100%): applied');
    const abort = await explain(
      'sidecar',
      { files: ['virtual-service-ratings-test-abort.yaml', DR] },
      { port: 9080, host: 'ratings', headers: { 'end-user': 'jason' } },
    );
    expect(abort.split('\n')[0]).toBe('aborted by fault injection 500 [FI]');
    expect(abort).toContain('  fault abort 500 (100%): applied');
  });

  it('shows a passthrough connection and the chain it did not take', async () => {
    const text = await explain('sidecar', {}, { port: 9999, host: '1.2.3.4' });
    expect(text).toBe(
      [
        'passed through to the original destination',
        '  via listener virtualOutbound > chain virtualOutbound-catchall-tcp',
        '  to PassthroughCluster -> 1.2.3.4:9999',
        '  not matched:',
        '    filter chain virtualOutbound-blackhole: destination_port: 15001 does not match 9999',
      ].join('\n'),
    );
  });

  it('shows a gateway without a listener on the port', async () => {
    const text = await explain('gateway', { files: ['bookinfo-gateway.yaml'] }, { port: 80, host: 'x' });
    expect(text).toBe('no listener\n  listener: the gateway has no listener on port 80');
  });
});
