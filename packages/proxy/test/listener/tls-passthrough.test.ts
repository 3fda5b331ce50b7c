// TLS passthrough by SNI (Istio's ServiceEntry / Gateway PASSTHROUGH): a listener with the tls_inspector reads the
// ClientHello without terminating TLS, chooses the filter chain by server_names (transport_protocol "tls") and
// pipes the connection to that chain's cluster with tcp_proxy. Real TLS clients (node:tls, certificate verified)
// through the proxy to two real TLS servers; plaintext HTTP on the same listener; a ClientHello split across TCP
// segments; an unknown SNI closed; listener_filters_timeout with and without continue_on_listener_filters_timeout;
// filter_disabled. And the ClientHello parser alone, fed a real ClientHello at every split point.
import { type AddressInfo, createServer as createNet, connect as netConnect, type Server } from 'node:net';
import { Duplex } from 'node:stream';
import { createServer as createTls, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { anyOf, type Listener, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClientHello } from '../../src/listener/client-hello.js';
import { type Harness, type Resources, send, startHarness, waitFor } from '../helpers/harness.js';
import { hcm, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';
import { startUpstream, type Upstream } from '../helpers/upstream.js';

// A fixed self-signed test certificate (EC P-256, valid until 2126) for a.example.com, b.example.com and
// *.wild.example.com. Test material only.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglE1Ygd0kA7X3zrzk
LWnxzY8toFzayzIg6UbqqRv/jC+hRANCAARDVdHbfsWP/MqG1j1iOAye1IAvis2i
qi+BINHscrn6pYQvYSJTStNoDIqCWLIPJQpY7nTUKiXIBNJoOW5H8KtG
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIB3zCCAYSgAwIBAgIUaVgRLNIX9XUy5m/JaJif3kf/2QUwCgYIKoZIzj0EAwIw
JDEiMCAGA1UEAwwZbWluaW1lc2ggcGFzc3Rocm91Z2ggdGVzdDAgFw0yNjExMjUw
MzQwMzVaGA8yMTI2MTEwMTAzNDAzNVowJDEiMCAGA1UEAwwZbWluaW1lc2ggcGFz
c3Rocm91Z2ggdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABENV0dt+xY/8
yobWPWI4DJ7UgC+KzaKqL4Eg0exyufqlhC9hIlNK02gMioJYsg8lCljudNQqJcgE
0mg5bkfwq0ajgZEwgY4wHQYDVR0OBBYEFJ+phIwtLmOYelWGpkp9xPlPSi2ZMB8G
A1UdIwQYMBaAFJ+phIwtLmOYelWGpkp9xPlPSi2ZMA8GA1UdEwEB/wQFMAMBAf8w
OwYDVR0RBDQwMoINYS5leGFtcGxlLmNvbYINYi5leGFtcGxlLmNvbYISKi53aWxk
LmV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0kAMEYCIQDxcSW5tiUzug/tu3Mh0FYS
CkVUzvwBwrUNTB/UpPzroAIhALp9uIKkpyn0ERdSpUuWUvgo3AW9ngy6/WCPdRCS
vkyo
-----END CERTIFICATE-----
`;

interface TlsUpstream {
  readonly port: number;
  /** SNI and ALPN each accepted connection carried (as the upstream's TLS stack saw them). */
  readonly seen: { servername: string; alpn: string }[];
  readonly server: Server;
}

/** A TLS server answering each line `x` with `<name>:x`. */
async function startTlsUpstream(name: string): Promise<TlsUpstream> {
  const seen: { servername: string; alpn: string }[] = [];
  const server = createTls(
    { key: KEY, cert: CERT, ALPNProtocols: ['h2', 'http/1.1', 'istio'] },
    (s: TLSSocket) => {
      seen.push({ servername: String(s.servername ?? ''), alpn: String(s.alpnProtocol ?? '') });
      s.on('data', (d: Buffer) => s.write(`${name}:${d.toString()}`));
      s.on('end', () => s.end());
      s.on('error', () => undefined);
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, seen, server };
}

function tcpProxy(cluster: string) {
  return [
    {
      name: 'envoy.filters.network.tcp_proxy',
      typed_config: anyOf(TypeUrl.TCP_PROXY, { stat_prefix: cluster, cluster }),
    },
  ];
}

/** A duplex over a TCP connection that sends each write in `parts` pieces, 15 ms apart (separate segments). */
function splittingSocket(port: number, parts: number): Duplex {
  const raw = netConnect(port, '127.0.0.1');
  raw.setNoDelay(true);
  const d = new Duplex({
    read() {
      raw.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      const size = Math.ceil(chunk.length / parts);
      const pieces: Buffer[] = [];
      for (let i = 0; i < chunk.length; i += size) pieces.push(chunk.subarray(i, i + size));
      const next = () => {
        const p = pieces.shift();
        if (p === undefined) return cb();
        raw.write(p);
        setTimeout(next, 15);
      };
      next();
    },
    final(cb) {
      raw.end();
      cb();
    },
    destroy(err, cb) {
      raw.destroy();
      cb(err);
    },
  });
  raw.on('data', (c: Buffer) => {
    if (!d.push(c)) raw.pause();
  });
  raw.on('end', () => d.push(null));
  raw.on('error', (e) => d.destroy(e));
  return d;
}

/** A TLS exchange through the proxy: resolves with the reply to `text` (the connection ends after it). */
function tlsRoundTrip(
  port: number,
  servername: string,
  text: string,
  opts: { alpn?: string[]; split?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({
      ...(opts.split === undefined
        ? { host: '127.0.0.1', port }
        : { socket: splittingSocket(port, opts.split) as unknown as import('node:net').Socket }),
      servername,
      ca: CERT,
      ...(opts.alpn === undefined ? {} : { ALPNProtocols: opts.alpn }),
    });
    let got = '';
    s.setTimeout(5_000, () => s.destroy(new Error('client timeout')));
    s.on('secureConnect', () => s.write(text));
    s.on('data', (d: Buffer) => {
      got += d.toString();
      s.end();
    });
    s.on('close', () => resolve(got));
    s.on('error', reject);
  });
}

/** Resolves with the TLS error a client sees when the proxy closes its connection before the handshake ends. */
function tlsRefused(port: number, servername: string): Promise<string> {
  return new Promise((resolve) => {
    const s = tlsConnect({ host: '127.0.0.1', port, servername, ca: CERT });
    s.setTimeout(5_000, () => s.destroy(new Error('client timeout')));
    s.on('secureConnect', () => resolve('connected'));
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** The ClientHello bytes a node:tls client sends (captured by a plain TCP server). */
async function captureClientHello(servername: string, alpn: string[]): Promise<Buffer> {
  const server = createNet();
  const got = new Promise<Buffer>((resolve) =>
    server.on('connection', (s) => {
      s.once('data', (d: Buffer) => {
        resolve(d);
        s.destroy();
      });
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const c = tlsConnect({
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    servername,
    ALPNProtocols: alpn,
  });
  c.on('error', () => undefined);
  const hello = await got;
  c.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  return hello;
}

let h: Harness;
let initial: Resources;
let a: TlsUpstream;
let b: TlsUpstream;
let web: Upstream;

beforeAll(async () => {
  a = await startTlsUpstream('a');
  b = await startTlsUpstream('b');
  web = await startUpstream('web');
  const passthrough: Listener = {
    name: 'passthrough',
    address: { socket_address: { address: '0.0.0.0', port_value: 9443 } },
    listener_filters: [
      {
        name: 'envoy.filters.listener.tls_inspector',
        typed_config: anyOf(TypeUrl.TLS_INSPECTOR, {}),
      },
    ],
    filter_chains: [
      {
        filter_chain_match: { server_names: ['a.example.com'], transport_protocol: 'tls' },
        filters: tcpProxy('tls-a'),
      },
      {
        filter_chain_match: {
          server_names: ['b.example.com', '*.wild.example.com'],
          transport_protocol: 'tls',
        },
        filters: tcpProxy('tls-b'),
      },
      {
        filter_chain_match: { transport_protocol: 'raw_buffer' },
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: anyOf(TypeUrl.HTTP_CONNECTION_MANAGER, hcm({ rds: 'r' })),
          },
        ],
      },
    ],
  };
  // Variants on other ports: a 300 ms listener_filters_timeout that closes (strict) or goes on as raw_buffer
  // (lenient, as Istio sets it), and the inspector disabled for the listener's port by filter_disabled.
  const variant = (name: string, port: number, extra: Partial<Listener>): Listener => ({
    ...passthrough,
    name,
    address: { socket_address: { address: '0.0.0.0', port_value: port } },
    ...extra,
  });
  const inspector = passthrough.listener_filters?.[0];
  initial = {
    clusters: [
      staticCluster('tls-a', [a.port]),
      staticCluster('tls-b', [b.port]),
      staticCluster('web', [web.port]),
    ],
    listeners: [
      passthrough,
      variant('strict', 9444, { listener_filters_timeout: { nanos: 300_000_000 } }),
      variant('lenient', 9445, {
        listener_filters_timeout: { nanos: 300_000_000 },
        continue_on_listener_filters_timeout: true,
      }),
      // Chains by ALPN (as Istio's inbound tells its mTLS, ALPN "istio", from other TLS).
      variant('alpn', 9447, {
        filter_chains: [
          {
            filter_chain_match: {
              transport_protocol: 'tls',
              application_protocols: ['istio-peer-exchange', 'istio'],
            },
            filters: tcpProxy('tls-a'),
          },
          { filter_chain_match: { transport_protocol: 'tls' }, filters: tcpProxy('tls-b') },
        ],
      }),
      variant('disabled', 9446, {
        listener_filters: [
          {
            ...inspector,
            filter_disabled: {
              or_match: { rules: [{ destination_port_range: { start: 9446, end: 9447 } }] },
            },
          },
        ],
      }),
    ],
    routes: [routeConfig('r', [vhost('all', ['*'], [routeTo('web')])])],
  };
  h = await startHarness(initial, [9443, 9444, 9445, 9446, 9447]);
}, 15_000);

afterAll(async () => {
  await h?.close();
  await web?.close();
  for (const u of [a, b]) await new Promise<void>((r) => u?.server.close(() => r()));
});

const port = () => h.proxy.listenerPort('passthrough') ?? 0;

describe('TLS passthrough by SNI', () => {
  it('pipes a TLS connection for a.example.com to upstream a, TLS end to end', async () => {
    expect(await tlsRoundTrip(port(), 'a.example.com', 'hi')).toBe('a:hi');
    expect(a.seen.at(-1)?.servername).toBe('a.example.com');
  });

  it('pipes b.example.com to upstream b, with the ALPN the client offered reaching it', async () => {
    expect(await tlsRoundTrip(port(), 'b.example.com', 'hello', { alpn: ['http/1.1'] })).toBe('b:hello');
    expect(b.seen.at(-1)).toEqual({ servername: 'b.example.com', alpn: 'http/1.1' });
  });

  it('matches a wildcard server name (*.wild.example.com)', async () => {
    expect(await tlsRoundTrip(port(), 'x.wild.example.com', 'w')).toBe('b:w');
    expect(b.seen.at(-1)?.servername).toBe('x.wild.example.com');
  });

  it('reads a ClientHello split across TCP segments', async () => {
    const before = a.seen.length;
    expect(await tlsRoundTrip(port(), 'a.example.com', 'split', { split: 7 })).toBe('a:split');
    expect(a.seen.length).toBe(before + 1);
  });

  it('closes a TLS connection whose SNI no chain names (no default chain)', async () => {
    const seen = a.seen.length + b.seen.length;
    expect(await tlsRefused(port(), 'c.example.com')).not.toBe('connected');
    expect(a.seen.length + b.seen.length).toBe(seen);
    expect(h.proxy.stats.value('listener.0.0.0.0_9443.no_filter_chain_match')).toBeGreaterThanOrEqual(1);
  });

  it('serves plaintext HTTP on the same listener through the raw_buffer chain', async () => {
    const r = await send(port(), '/plain');
    expect(r.status).toBe(200);
    expect(r.json().upstream).toBe('web');
  });

  it("counts under Envoy's tls_inspector stats", () => {
    expect(h.proxy.stats.value('tls_inspector.tls_found')).toBeGreaterThanOrEqual(5);
    expect(h.proxy.stats.value('tls_inspector.sni_found')).toBeGreaterThanOrEqual(5);
    expect(h.proxy.stats.value('tls_inspector.alpn_found')).toBeGreaterThanOrEqual(1);
    expect(h.proxy.stats.value('tls_inspector.tls_not_found')).toBeGreaterThanOrEqual(1);
  });
});

/** Connects to `port`, stays silent for `silentMs`, then sends a GET; resolves with the raw reply ('' if closed). */
function lateGet(port: number, silentMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = netConnect(port, '127.0.0.1');
    let got = '';
    const t = setTimeout(
      () => s.write('GET /late HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n'),
      silentMs,
    );
    s.setTimeout(5_000, () => s.destroy(new Error('client timeout')));
    s.on('data', (d: Buffer) => {
      got += d.toString();
    });
    s.on('close', () => {
      clearTimeout(t);
      resolve(got);
    });
    s.on('error', reject);
  });
}

describe('chains by ALPN', () => {
  it('sends a client offering ALPN "istio" to the application_protocols chain, others to the plain TLS chain', async () => {
    const port = h.proxy.listenerPort('alpn') ?? 0;
    expect(await tlsRoundTrip(port, 'a.example.com', 'm', { alpn: ['istio'] })).toBe('a:m');
    expect(a.seen.at(-1)?.alpn).toBe('istio');
    expect(await tlsRoundTrip(port, 'a.example.com', 'p', { alpn: ['http/1.1'] })).toBe('b:p');
    expect(await tlsRoundTrip(port, 'a.example.com', 'n')).toBe('b:n');
  });
});

describe('listener filter timeout and filter_disabled', () => {
  it('closes a silent connection at listener_filters_timeout (continue_on_listener_filters_timeout false)', async () => {
    expect(await lateGet(h.proxy.listenerPort('strict') ?? 0, 2_000)).toBe('');
    expect(h.proxy.stats.value('listener.0.0.0.0_9444.downstream_pre_cx_timeout')).toBe(1);
  });

  it('serves it as raw_buffer after the timeout with continue_on_listener_filters_timeout', async () => {
    expect(await lateGet(h.proxy.listenerPort('lenient') ?? 0, 600)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('still passes TLS through by SNI on those listeners', async () => {
    expect(await tlsRoundTrip(h.proxy.listenerPort('strict') ?? 0, 'a.example.com', 's')).toBe('a:s');
    expect(await tlsRoundTrip(h.proxy.listenerPort('lenient') ?? 0, 'b.example.com', 'l')).toBe('b:l');
  });

  it('does not inspect where filter_disabled matches the port: TLS lands on the raw_buffer (HTTP) chain', async () => {
    const seen = a.seen.length;
    expect(await tlsRefused(h.proxy.listenerPort('disabled') ?? 0, 'a.example.com')).not.toBe('connected');
    expect(a.seen.length).toBe(seen);
    expect((await send(h.proxy.listenerPort('disabled') ?? 0, '/')).status).toBe(200);
  });
});

describe('ClientHello parser', () => {
  it('finds SNI and ALPN in a real ClientHello fed at every split point', async () => {
    const hello = await captureClientHello('Svc.Example.COM', ['h2', 'http/1.1']);
    for (let n = 0; n < hello.length; n++) {
      expect(parseClientHello(hello.subarray(0, n)).kind).toBe('more');
    }
    expect(parseClientHello(hello)).toEqual({
      kind: 'tls',
      serverName: 'svc.example.com',
      alpn: ['h2', 'http/1.1'],
    });
  });

  it('reads a ClientHello split into several TLS records', async () => {
    const hello = await captureClientHello('a.example.com', []);
    const hs = hello.subarray(5);
    const record = (part: Buffer) =>
      Buffer.concat([Buffer.from([22, 3, 1, part.length >> 8, part.length & 255]), part]);
    const cut = Math.floor(hs.length / 3);
    const split = Buffer.concat([
      record(hs.subarray(0, 2)),
      record(hs.subarray(2, cut)),
      record(hs.subarray(cut)),
    ]);
    expect(parseClientHello(split)).toEqual({ kind: 'tls', serverName: 'a.example.com', alpn: [] });
  });

  it('says not-tls for plaintext and for a non-ClientHello handshake, too-large for a huge one', () => {
    expect(parseClientHello(Buffer.from('GET / HTTP/1.1\r\n')).kind).toBe('not-tls');
    expect(parseClientHello(Buffer.from('PRI * HTTP/2.0\r\n')).kind).toBe('not-tls');
    expect(parseClientHello(Buffer.from([22, 3, 1, 0, 4, 2, 0, 0, 0])).kind).toBe('not-tls');
    expect(parseClientHello(Buffer.from([22, 3, 1, 0, 4, 1, 0x10, 0, 0])).kind).toBe('too-large');
    expect(parseClientHello(Buffer.from([22])).kind).toBe('more');
  });

  it('says how many bytes it needs before it can decide more (the inspector parses again only then)', () => {
    // A record header first, then the record's end: a ClientHello dribbled a byte at a time is parsed once per
    // record, not once per byte.
    expect(parseClientHello(Buffer.from([22, 3]))).toEqual({ kind: 'more', want: 5 });
    expect(parseClientHello(Buffer.from([22, 3, 1, 0x10, 0x00, 1, 0]))).toEqual({
      kind: 'more',
      want: 5 + 4096,
    });
  });
});

describe('a tls_inspector the proxy cannot honour', () => {
  it('is NACKed with the field named, and the last good config keeps passing TLS through', async () => {
    const listeners = (initial.listeners ?? []).map((l) =>
      l.name === 'passthrough'
        ? { ...l, listener_filters: [{ ...l.listener_filters?.[0], filter_disabled: {} }] }
        : l,
    );
    await h.push({ ...initial, listeners });
    const lds = () => h.server.proxyStatus()[0]?.types.find((t) => t.typeUrl.endsWith('Listener'));
    await waitFor(() => lds()?.status === 'NACK', 5_000, 'the LDS NACK');
    expect(lds()?.nackMessage).toMatch(
      /listener_filters\[0\]\.filter_disabled: an empty or unsupported match/,
    );
    expect(await tlsRoundTrip(port(), 'a.example.com', 'still')).toBe('a:still');
  });
});
