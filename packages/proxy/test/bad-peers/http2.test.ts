// Hostile HTTP/2 (h2c) peers against a real proxy: the connection manager's SETTINGS (max_concurrent_streams 4,
// max_header_list_size from max_request_headers_kb), too many concurrent streams, oversized header lists, too many
// header pairs, a rapid-reset flood, a CONTINUATION flood, an oversized frame, garbage after the preface, and an
// idle session. Each with its outcome (stream refused or reset, connection closed), and after each a normal
// request from another client still succeeds: none of them crashes or stalls the proxy for others.
import { type ClientHttp2Session, connect, constants } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../http1/raw.js';
import { type BadPeerEnv, healthy, startBadPeerEnv } from './setup.js';

let env: BadPeerEnv;

beforeAll(async () => {
  env = await startBadPeerEnv();
}, 15_000);

afterAll(async () => {
  await env?.close();
});

const PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';

function frame(type: number, flags: number, stream: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(9);
  h.writeUIntBE(payload.length, 0, 3);
  h[3] = type;
  h[4] = flags;
  h.writeUInt32BE(stream, 5);
  return Buffer.concat([h, payload]);
}

const SETTINGS = frame(4, 0, 0, Buffer.alloc(0));

/** An h2c session once the connection manager's SETTINGS arrived (they follow node's initial SETTINGS frame). */
async function session(): Promise<ClientHttp2Session> {
  const s = connect(`http://127.0.0.1:${env.guarded}`);
  s.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no SETTINGS with max_concurrent_streams 4')), 5_000);
    s.on('remoteSettings', (settings) => {
      if (settings.maxConcurrentStreams !== 4) return;
      clearTimeout(t);
      resolve();
    });
    s.once('error', reject);
  });
  return s;
}

/** The frames in `b`: type and, for RST_STREAM and GOAWAY, the error code. */
function framesIn(b: Buffer): { type: number; code?: number }[] {
  const out: { type: number; code?: number }[] = [];
  for (let at = 0; at + 9 <= b.length; ) {
    const len = b.readUIntBE(at, 3);
    const type = b[at + 3] as number;
    if (type === 7 && at + 17 <= b.length) out.push({ type, code: b.readUInt32BE(at + 13) });
    else if (type === 3 && at + 13 <= b.length) out.push({ type, code: b.readUInt32BE(at + 9) });
    else out.push({ type });
    at += 9 + len;
  }
  return out;
}

/** One request on `s`: the status, or the error code of the stream / session failure. */
function get(
  s: ClientHttp2Session,
  path: string,
  headers: Record<string, string> = {},
): Promise<number | string> {
  return new Promise((resolve) => {
    let req: ReturnType<ClientHttp2Session['request']>;
    try {
      req = s.request({ ':path': path, ':authority': 'a', ...headers });
    } catch (err) {
      resolve((err as NodeJS.ErrnoException).code ?? 'throw');
      return;
    }
    let status: number | undefined;
    req.setTimeout(5_000, () => req.close(constants.NGHTTP2_CANCEL));
    req.on('response', (h) => {
      status = Number(h[':status']);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    req.on('close', () => resolve(status ?? `rst ${req.rstCode}`));
    req.resume();
    req.end();
  });
}

describe('HTTP/2 bad peers', () => {
  it('announces max_concurrent_streams 4 and serves 12 concurrent requests all the same', async () => {
    const s = await session();
    expect(s.remoteSettings.maxConcurrentStreams).toBe(4);
    expect(s.remoteSettings.maxHeaderListSize).toBe(60 * 1024);
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => get(s, `/local/c${i}`)));
    expect(all).toEqual(Array(12).fill(200));
    s.close();
    await healthy(env);
  });

  it('closes with GOAWAY the connection of a peer that opens more streams than it acknowledged', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(Buffer.concat([Buffer.from(PREFACE), SETTINGS]));
    // Wait for the proxy's SETTINGS, ACK them (the limit applies once acknowledged), then open 5 streams at once.
    await c.until(() => (c.buf.length >= 9 ? true : undefined), 'the server SETTINGS');
    c.write(frame(4, 1, 0, Buffer.alloc(0)));
    await new Promise((r) => setTimeout(r, 50));
    // HPACK: :method GET (idx 2), :path / (idx 4), :scheme http (idx 6), :authority literal "a".
    const block = Buffer.from([0x82, 0x84, 0x86, 0x41, 0x01, 0x61]);
    const frames: Buffer[] = [];
    for (let i = 0; i < 5; i++) frames.push(frame(1, 0x04, 1 + 2 * i, block)); // HEADERS, END_HEADERS, no END_STREAM
    c.write(Buffer.concat(frames));
    // Over an acknowledged SETTINGS_MAX_CONCURRENT_STREAMS is a connection error (nghttp2): GOAWAY, closed.
    // (4 streams the same way are all answered: checked by hand, and by the 12-request test above.)
    await c.closed();
    expect(framesIn(c.buf).filter((f) => f.type === 7)).toHaveLength(1);
    await healthy(env);
  });

  it('rejects a header list over max_request_headers_kb', async () => {
    const s = await session();
    const r = await get(s, '/local/big', { 'x-big': 'a'.repeat(70 * 1024) });
    expect(r).toBe('ERR_HTTP2_STREAM_ERROR');
    s.destroy();
    await healthy(env);
  });

  it('resets a request over max_headers_count (100, pseudo-headers included) and serves one at it', async () => {
    const s = await session();
    const headers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-f${i}`, 'v']));
    // :method, :path, :scheme, :authority + 96 = 100 fields.
    expect(await get(s, '/local/at-limit', headers(96))).toBe(200);
    expect(await get(s, '/local/over', headers(97))).toBe('ERR_HTTP2_STREAM_ERROR');
    expect(await get(s, '/local/far-over', headers(300))).toBe('ERR_HTTP2_STREAM_ERROR');
    s.destroy();
    await healthy(env);
  });

  it('survives a rapid-reset flood (500 streams opened and cancelled at once)', async () => {
    const s = await session();
    for (let i = 0; i < 500 && !s.destroyed && !s.closed; i++) {
      try {
        const req = s.request({ ':path': `/rr${i}`, ':authority': 'a' });
        req.on('error', () => undefined);
        req.close(constants.NGHTTP2_CANCEL);
      } catch {
        break;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
    s.destroy();
    await healthy(env);
  });

  it('closes a connection that floods CONTINUATION frames without ending the header block', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(Buffer.concat([Buffer.from(PREFACE), SETTINGS]));
    const junk = Buffer.from([0x40, 0x02, 0x78, 0x78, 0x01, 0x79]); // literal "xx: y", incremental indexing
    c.write(frame(1, 0, 1, Buffer.from([0x82, 0x84, 0x86])));
    for (let i = 0; i < 20 && !c.ended; i++) {
      c.write(Buffer.concat(Array.from({ length: 500 }, () => frame(9, 0, 1, junk))));
      await new Promise((r) => setTimeout(r, 5));
    }
    await c.closed();
    await healthy(env);
  });

  it('answers a frame over the 16 KiB max frame size with GOAWAY FRAME_SIZE_ERROR, then closes', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(Buffer.concat([Buffer.from(PREFACE), SETTINGS, frame(0, 0, 1, Buffer.alloc(20_000))]));
    await c.closed();
    expect(framesIn(c.buf)).toContainEqual({ type: 7, code: constants.NGHTTP2_FRAME_SIZE_ERROR });
    await healthy(env);
  });

  it('closes a connection that sends garbage after the preface', async () => {
    const c = await RawClient.connect(env.guarded);
    c.write(`${PREFACE}this is not a SETTINGS frame at all, just text`);
    await c.closed();
    await healthy(env);
  });

  it('closes an HTTP/2 session left idle past idle_timeout', async () => {
    const s = await session();
    expect(await get(s, '/local/once')).toBe(200);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the idle session was not closed')), 5_000);
      s.once('close', () => {
        clearTimeout(t);
        resolve();
      });
    });
    await healthy(env);
  });
});
