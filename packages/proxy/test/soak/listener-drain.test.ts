// Listener updates and drains, over raw keep-alive connections: a listener re-sent with a change keeps its
// connections (the next request on an idle keep-alive connection is served by the new config, nothing is reset);
// a listener an LDS update removes drains (new connections refused, the response in flight finishes with
// `connection: close`, an idle connection still gets its next request answered, with `connection: close`); and
// proxy.drain() does the same for every listener (the first half of a graceful shutdown).
import http2 from 'node:http2';
import { connect } from 'node:net';
import { TypeUrl } from '@minimesh/model';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';
import { type RawClient as Raw, RawClient } from '../http1/raw.js';

let h: Harness | undefined;
let up: Upstream | undefined;
const clients: Raw[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await h?.close();
  await up?.close();
  h = undefined;
  up = undefined;
});

/** The listener on 9080 with an inline route that adds `x-gen: gen` to responses. */
function config(upstreamPort: number, gen: number, withListener = true): Resources {
  const route = routeConfig('inline', [vhost('all', ['*'], [routeTo('backend')])], {
    response_headers_to_add: [{ header: { key: 'x-gen', value: String(gen) } }],
  });
  return {
    clusters: [staticCluster('backend', [upstreamPort])],
    listeners: withListener ? [httpListener('l9080', 9080, hcm({ inline: route }))] : [],
  };
}

async function client(port: number): Promise<Raw> {
  const c = await RawClient.connect(port);
  clients.push(c);
  return c;
}

function get(c: Raw, path: string, extra = ''): void {
  c.write(`GET ${path} HTTP/1.1\r\nhost: backend\r\n${extra}\r\n`);
}

/** Resolves true once a connect to `port` is refused (bounded). */
async function refused(port: number): Promise<boolean> {
  const until = Date.now() + 5_000;
  while (Date.now() < until) {
    const r = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', (err: { code?: string }) => resolve(err.code === 'ECONNREFUSED'));
    });
    if (r) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('listener updates keep connections', () => {
  it('serves the next request on an idle keep-alive connection with the new config', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const c = await client(port);
    get(c, '/one');
    const first = await c.response();
    expect([first.status, first.headers['x-gen'], first.headers.connection]).toEqual([200, '1', undefined]);
    await h.push(config(up.port, 2));
    expect(h.proxy.listenerPort('l9080')).toBe(port);
    get(c, '/two');
    const second = await c.response();
    expect([second.status, second.headers['x-gen'], second.headers.connection]).toEqual([
      200,
      '2',
      undefined,
    ]);
    expect(c.ended).toBe(false);
  });
});

describe('a removed listener drains', () => {
  it('refuses new connections, finishes the request in flight and answers an idle connection once more', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const idle = await client(port);
    get(idle, '/warm');
    expect((await idle.response()).status).toBe(200);
    const busy = await client(port);
    get(busy, '/slow', 'x-test-delay: 600\r\n');
    await waitFor(() => up?.seen.some((e) => e.url === '/slow') === true, 5_000, 'the slow request upstream');

    await h.push(config(up.port, 2, false));
    expect(h.proxy.listenerPort('l9080')).toBeUndefined();
    expect(await refused(port)).toBe(true);
    expect(h.proxy.stats.gauge('listener_manager.total_listeners_draining', 'x').value).toBe(1);

    const slow = await busy.response();
    expect([slow.status, slow.headers.connection]).toEqual([200, 'close']);
    await busy.closed();

    // The idle connection was told nothing yet: its next request is answered, and the connection closes after.
    expect(idle.ended).toBe(false);
    get(idle, '/last');
    const last = await idle.response();
    expect([last.status, last.headers.connection]).toEqual([200, 'close']);
    await idle.closed();
    await waitFor(
      () => h?.proxy.stats.gauge('listener_manager.total_listeners_draining', 'x').value === 0,
      5_000,
      'the drain to end',
    );
  });
});

describe('proxy.drain()', () => {
  it('stops accepting, answers requests in flight with connection: close and resolves once connections closed', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const busy = await client(port);
    get(busy, '/slow', 'x-test-delay: 400\r\n');
    await waitFor(() => up?.seen.some((e) => e.url === '/slow') === true, 5_000, 'the slow request upstream');
    let drained = false;
    const draining = h.proxy.drain(3_000).then(() => {
      drained = true;
    });
    expect(await refused(port)).toBe(true);
    const slow = await busy.response();
    expect([slow.status, slow.headers.connection]).toEqual([200, 'close']);
    await busy.closed();
    await draining;
    expect(drained).toBe(true);
  });

  it('drains the forward proxy as a listener: connection: close on the response in flight, then refused', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.forwardProxyPort ?? 0;
    const busy = await client(port);
    busy.write(
      'GET http://backend:9080/fwd-slow HTTP/1.1\r\nhost: backend:9080\r\nx-test-delay: 400\r\n\r\n',
    );
    const idle = await client(port);
    idle.write('GET http://backend:9080/fwd-idle HTTP/1.1\r\nhost: backend:9080\r\n\r\n');
    const first = await idle.response();
    expect([first.status, first.headers.connection]).toEqual([200, undefined]);
    await waitFor(
      () => up?.seen.some((e) => e.url === '/fwd-slow') === true,
      5_000,
      'the slow request upstream',
    );
    const draining = h.proxy.drain(3_000);
    expect(await refused(port)).toBe(true);
    // The idle keep-alive connection still gets its next request answered, told to close.
    idle.write('GET http://backend:9080/fwd-last HTTP/1.1\r\nhost: backend:9080\r\n\r\n');
    const last = await idle.response();
    expect([last.status, last.headers.connection]).toEqual([200, 'close']);
    const slow = await busy.response();
    expect([slow.status, slow.headers.connection]).toEqual([200, 'close']);
    await busy.closed();
    await idle.closed();
    await draining;
  });

  it('sends HTTP/2 clients a GOAWAY and lets their stream in flight finish', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', () => undefined);
    let goaway = false;
    session.on('goaway', () => {
      goaway = true;
    });
    const stream = session.request({ ':path': '/slow-h2', 'x-test-delay': '300' });
    const answered = new Promise<number>((resolve, reject) => {
      stream.on('response', (headers) => resolve(Number(headers[':status'])));
      stream.on('error', reject);
    });
    stream.resume();
    stream.end();
    await waitFor(
      () => up?.seen.some((e) => e.url === '/slow-h2') === true,
      5_000,
      'the h2 request upstream',
    );
    const draining = h.proxy.drain(3_000);
    expect(await answered).toBe(200);
    await draining;
    expect(goaway).toBe(true);
    expect(session.closed || session.destroyed).toBe(true);
  });

  it('closes what is still open when the drain time is up', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const stuck = await client(port);
    get(stuck, '/stuck', 'x-test-delay: 20000\r\n');
    await waitFor(() => up?.seen.some((e) => e.url === '/stuck') === true, 5_000, 'the request upstream');
    await h.proxy.drain(300);
    await stuck.closed();
    expect(stuck.text()).toBe('');
  });
});

describe('admin /drain_listeners', () => {
  it('drains the listeners (inboundonly: only INBOUND ones) and turns /ready to DRAINING', async () => {
    up = await startUpstream('u1');
    h = await startHarness(config(up.port, 1));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const admin = h.proxy.adminPort;
    expect((await send(admin, '/drain_listeners')).status).toBe(405);
    // l9080 has no traffic_direction: not inbound, so it keeps serving.
    expect((await send(admin, '/drain_listeners?inboundonly&graceful', { method: 'POST' })).body).toBe(
      'OK\n',
    );
    expect((await send(port, '/still')).status).toBe(200);
    expect((await send(admin, '/drain_listeners?graceful', { method: 'POST' })).body).toBe('OK\n');
    expect(await refused(port)).toBe(true);
    const ready = await send(admin, '/ready');
    expect([ready.status, ready.body]).toEqual([503, 'DRAINING\n']);
  });
});

describe('listener warming', () => {
  it('holds requests to a new listener until its route configuration arrives, then serves them (no 404)', async () => {
    up = await startUpstream('u1');
    const base = config(up.port, 1);
    // The new listener's routes: valid, or with a bad regex that the proxy NACKs (so they do not arrive yet).
    const withNew = (valid: boolean): Resources => ({
      clusters: base.clusters ?? [],
      listeners: [...(base.listeners ?? []), httpListener('l9081', 9081, hcm({ rds: 'new-routes' }))],
      routes: [
        routeConfig('new-routes', [
          vhost(
            'all',
            ['*'],
            [
              valid
                ? routeTo('backend')
                : { match: { safe_regex: { regex: '(a' } }, route: { cluster: 'backend' } },
            ],
          ),
        ]),
      ],
    });
    h = await startHarness(base, [9080, 9081]);
    // The new listener arrives and its routes are refused: it is bound, but warming.
    await h.push(withNew(false));
    await waitFor(
      () => h?.proxy.xds.typeState(TypeUrl.ROUTE_CONFIGURATION).lastNack !== undefined,
      5_000,
      'RDS NACK',
    );
    const port = h.proxy.listenerPort('l9081') ?? 0;
    expect(port).toBeGreaterThan(0);
    expect(h.proxy.stats.value('listener_manager.total_listeners_warming')).toBe(1);
    const c = await client(port);
    get(c, '/early');
    let answered = false;
    const early = c.response().then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false); // waiting, not 404
    await h.push(withNew(true));
    expect((await early).status).toBe(200);
    expect(h.proxy.stats.value('listener_manager.total_listeners_warming')).toBe(0);
    get(c, '/next');
    expect((await c.response()).status).toBe(200);
  });

  it('keeps serving with the old route configuration until the one a listener update names arrives', async () => {
    up = await startUpstream('u1');
    const named = (gen: number): Resources => {
      const rds = `r${gen}`;
      return {
        clusters: [staticCluster('backend', [up?.port ?? 0])],
        listeners: [httpListener('l9080', 9080, hcm({ rds }))],
        routes: [
          routeConfig(rds, [vhost('all', ['*'], [routeTo('backend')])], {
            response_headers_to_add: [{ header: { key: 'x-gen', value: String(gen) } }],
          }),
        ],
      };
    };
    h = await startHarness(named(0));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const clients8 = await Promise.all(Array.from({ length: 8 }, () => client(port)));
    let stop = false;
    const statuses = new Map<number, number>();
    const gens = new Set<string>();
    const load = Promise.all(
      clients8.map(async (c) => {
        while (!stop) {
          get(c, '/x');
          const r = await c.response();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          gens.add(r.headers['x-gen'] ?? '');
        }
      }),
    );
    for (let gen = 1; gen <= 20; gen++) await h.push(named(gen));
    stop = true;
    await load;
    expect(Object.fromEntries(statuses)).toEqual({ 200: expect.any(Number) });
    expect(gens.has('20')).toBe(true);
  });
});
