// An endpoint EDS removes while the proxy has connections to it: new requests go to the endpoints left, the
// request in flight on the removed one completes, its idle pooled connection closes at once and the busy one
// after its exchange (the host's pool closes gracefully). The same for a cluster CDS removes while a request to it
// is in flight. Raw upstreams, so their open connections are seen.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import {
  assignment,
  edsCluster,
  hcm,
  httpListener,
  routeConfig,
  routeTo,
  vhost,
} from '../helpers/resources.js';
import { delay, type RawExchange, type RawUpstream, startRawUpstream } from '../http1/raw.js';

let h: Harness | undefined;
const upstreams: RawUpstream[] = [];

afterEach(async () => {
  await h?.close();
  h = undefined;
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

/** A raw upstream named `name`: /slow answered after 400 ms, anything else at once. */
async function named(name: string): Promise<RawUpstream> {
  const answer = (x: RawExchange) => {
    const reply = () => x.socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${name.length}\r\n\r\n${name}`);
    if (x.request.line.includes('/slow')) setTimeout(reply, 400);
    else reply();
  };
  const u = await startRawUpstream(answer);
  upstreams.push(u);
  return u;
}

function config(ports: readonly number[]): Resources {
  const route = routeConfig('inline', [vhost('all', ['*'], [routeTo('svc')])]);
  return {
    clusters: [edsCluster('svc')],
    endpoints: [assignment('svc', ports)],
    listeners: [httpListener('l9080', 9080, hcm({ inline: route }))],
  };
}

describe('an endpoint removed by EDS', () => {
  it('gets no new requests, finishes the one in flight, and its pooled connections close', async () => {
    const a = await named('A');
    const b = await named('B');
    h = await startHarness(config([a.port]));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    // Two requests at once: two pooled connections to A, both idle after.
    const warm = await Promise.all([send(port, '/warm1'), send(port, '/warm2')]);
    expect(warm.map((r) => r.body)).toEqual(['A', 'A']);
    await waitFor(() => a.open.size === 2, 5_000, 'two pooled connections to A');

    const slow = send(port, '/slow');
    await waitFor(
      () => a.requests.some((x) => x.request.line.includes('/slow')),
      5_000,
      'the slow request at A',
    );
    await h.push(config([b.port]));

    // The idle connection to A closes now; the busy one carries its exchange to the end.
    await waitFor(() => a.open.size === 1, 5_000, 'the idle connection to A to close');
    const after = await Promise.all([send(port, '/after1'), send(port, '/after2'), send(port, '/after3')]);
    expect(after.map((r) => r.body)).toEqual(['B', 'B', 'B']);
    const answered = await slow;
    expect([answered.status, answered.body]).toEqual([200, 'A']);
    await waitFor(() => a.open.size === 0, 5_000, 'the busy connection to A to close after its exchange');
    expect(a.requests.map((x) => x.request.line.split(' ')[1])).toEqual(['/warm1', '/warm2', '/slow']);
    await delay(10);
    expect(a.connections()).toBe(2);
  });
});

describe('a cluster removed by CDS', () => {
  it('finishes the request in flight to it, then closes its connections', async () => {
    const a = await named('A');
    const b = await named('B');
    const to = (cluster: string, clusters: string[]): Resources => ({
      clusters: clusters.map((c) => edsCluster(c)),
      endpoints: clusters.map((c) => assignment(c, [c === 'svc' ? a.port : b.port])),
      listeners: [
        httpListener(
          'l9080',
          9080,
          hcm({ inline: routeConfig('inline', [vhost('all', ['*'], [routeTo(cluster)])]) }),
        ),
      ],
    });
    h = await startHarness(to('svc', ['svc']));
    const port = h.proxy.listenerPort('l9080') ?? 0;
    const slow = send(port, '/slow');
    await waitFor(
      () => a.requests.some((x) => x.request.line.includes('/slow')),
      5_000,
      'the slow request at A',
    );
    // The route moves to svc2 and svc leaves CDS in the same push (the server sends them make-before-break).
    await h.push(to('svc2', ['svc2']));
    expect(h.proxy.config.clusters.get('svc')).toBeUndefined();
    expect((await send(port, '/after')).body).toBe('B');
    const answered = await slow;
    expect([answered.status, answered.body]).toEqual([200, 'A']);
    await waitFor(() => a.open.size === 0, 5_000, 'the connection to A to close after its exchange');
  });
});
