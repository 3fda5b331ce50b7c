// Listeners from LDS: an RDS-routed listener bound in dev mode, an inline route config, a virtual listener reached
// through the forward proxy by authority, and filter chain matching by destination port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  staticCluster,
  vhost,
} from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

let h: Harness;
let reviews: Upstream;
let ratings: Upstream;

beforeAll(async () => {
  reviews = await startUpstream('reviews');
  ratings = await startUpstream('ratings');
  h = await startHarness(
    {
      clusters: [
        edsCluster('outbound|9080||reviews.default.svc.cluster.local'),
        staticCluster('ratings', [ratings.port]),
      ],
      endpoints: [assignment('outbound|9080||reviews.default.svc.cluster.local', [reviews.port])],
      listeners: [
        httpListener('0.0.0.0_9080', 9080, hcm({ rds: '9080' }), false),
        httpListener(
          'inline_9081',
          9081,
          hcm({ inline: routeConfig('inline', [vhost('all', ['*'], [routeTo('ratings')])]) }),
        ),
        httpListener('rds_9082', 9082, hcm({ rds: '9080' })),
        httpListener(
          'gateway_9083',
          9083,
          hcm({ rds: '9080' }, undefined, { use_remote_address: { value: true } }),
        ),
      ],
      routes: [
        routeConfig('9080', [
          vhost(
            'reviews.default.svc.cluster.local:9080',
            ['reviews.default.svc.cluster.local', 'reviews', 'reviews:9080'],
            [routeTo('outbound|9080||reviews.default.svc.cluster.local', '/', { name: 'default' })],
          ),
          vhost('ratings:9080', ['ratings', 'ratings:9080'], [routeTo('ratings')]),
        ]),
      ],
    },
    [9080, 9081, 9082, 9083],
  );
}, 15_000);

afterAll(async () => {
  await h?.close();
  await reviews?.close();
  await ratings?.close();
});

describe('listeners', () => {
  it('serves an RDS-routed listener bound in dev mode (port table)', async () => {
    const port = h.proxy.listenerPort('rds_9082');
    expect(port).toBeGreaterThan(0);
    const r = await send(port ?? 0, '/reviews/0', { headers: { host: 'reviews:9080' } });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('reviews');
    expect(r.json().url).toBe('/reviews/0');
  });

  it('appends the peer to x-forwarded-for with use_remote_address, and not without', async () => {
    const headers = { host: 'reviews:9080', 'x-forwarded-for': '10.1.1.1' };
    const gw = await send(h.proxy.listenerPort('gateway_9083') ?? 0, '/', { headers });
    expect(gw.json<{ headers: Record<string, string> }>().headers['x-forwarded-for']).toBe(
      '10.1.1.1, 127.0.0.1',
    );
    const sidecar = await send(h.proxy.listenerPort('rds_9082') ?? 0, '/', { headers });
    expect(sidecar.json<{ headers: Record<string, string> }>().headers['x-forwarded-for']).toBe('10.1.1.1');
  });

  it('does not bind a listener with bind_to_port false', () => {
    expect(h.proxy.listenerPort('0.0.0.0_9080')).toBeUndefined();
  });

  it('serves an inline route_config', async () => {
    const r = await send(h.proxy.listenerPort('inline_9081') ?? 0, '/x', { headers: { host: 'anything' } });
    expect(r.json().upstream).toBe('ratings');
  });

  it('routes an absolute-form request through the forward proxy by authority', async () => {
    const r = await send(h.proxy.forwardProxyPort ?? 0, 'http://reviews:9080/reviews/0', {
      headers: { host: 'reviews:9080' },
    });
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('reviews');
    expect(r.json().url).toBe('/reviews/0');
    expect(h.logs.at(-1)?.routeName).toBe('default');
  });

  it('chooses the virtual host by authority in forward-proxy mode', async () => {
    const r = await send(h.proxy.forwardProxyPort ?? 0, 'http://ratings:9080/ratings/1', {
      headers: { host: 'ratings:9080' },
    });
    expect(r.json().upstream).toBe('ratings');
  });

  it('answers 404 with flag NR when no virtual host matches', async () => {
    const r = await send(h.proxy.forwardProxyPort ?? 0, 'http://details:9080/', {
      headers: { host: 'details:9080' },
    });
    expect(r.status).toBe(404);
    expect(h.logs.at(-1)?.responseFlags).toBe('NR');
  });

  it('answers 404 for a forward-proxied port no listener serves', async () => {
    const r = await send(h.proxy.forwardProxyPort ?? 0, 'http://reviews:7777/', {
      headers: { host: 'reviews:7777' },
    });
    expect(r.status).toBe(404);
  });

  it('writes an access log line in Envoy default format', async () => {
    await send(h.proxy.listenerPort('rds_9082') ?? 0, '/reviews/1', {
      headers: { host: 'reviews:9080', 'user-agent': 'test-agent', 'x-request-id': 'req-1' },
    });
    const line = h.logs.at(-1)?.line ?? '';
    expect(line).toMatch(
      new RegExp(
        `^\\[\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\] "GET /reviews/1 HTTP/1.1" 200 - 0 \\d+ \\d+ \\d+ "-" "test-agent" "req-1" "reviews:9080" "127.0.0.1:${reviews.port}"\\n$`,
      ),
    );
  });
});

describe('HTTP/2 (h2c) downstream', () => {
  it('serves h2c with prior knowledge on the same listener port as HTTP/1.1', async () => {
    const { connect } = await import('node:http2');
    const port = h.proxy.listenerPort('rds_9082') ?? 0;
    const session = connect(`http://127.0.0.1:${port}`);
    try {
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = session.request({ ':path': '/reviews/2', ':authority': 'reviews:9080' });
        let status = 0;
        let body = '';
        req.on('response', (headers) => {
          status = Number(headers[':status']);
        });
        req.setEncoding('utf8');
        req.on('data', (c: string) => {
          body += c;
        });
        req.on('end', () => resolve({ status, body }));
        req.on('error', reject);
        req.end();
      });
      expect(reply.status).toBe(200);
      const echo = JSON.parse(reply.body) as {
        upstream: string;
        url: string;
        headers: Record<string, string>;
      };
      expect(echo.upstream).toBe('reviews');
      expect(echo.url).toBe('/reviews/2');
      expect(echo.headers.host).toBe('reviews:9080');
      expect(h.logs.at(-1)?.protocol).toBe('HTTP/2');
      expect(h.logs.at(-1)?.responseFlags).toBe('-');
    } finally {
      session.close();
    }
  });
});
