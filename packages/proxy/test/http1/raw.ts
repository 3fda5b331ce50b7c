// Raw HTTP/1.1 over node:net for the http1 tests, written independently of src/http1 so the proxy is checked
// against a separate reading of RFC 9112: a client that writes exact bytes and parses responses (content-length,
// chunked with trailers, close-delimited, none for HEAD / 1xx / 204 / 304), and an upstream server that parses
// requests and lets each test answer with exact bytes. Every wait is bounded.
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export interface RawMessage {
  /** Status code (responses) or 0. */
  readonly status: number;
  /** Start line as received. */
  readonly line: string;
  /** Lower-case names; repeated fields joined with ", " (set-cookie kept as received lines). */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly trailers: Record<string, string>;
}

function parseFields(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    const k = l.slice(0, i).toLowerCase();
    const v = l.slice(i + 1).trim();
    out[k] = out[k] === undefined ? v : `${out[k]}, ${v}`;
  }
  return out;
}

/** A chunked body from buf[at..]: the body, trailers and end index, or undefined when incomplete. */
function parseChunked(
  buf: Buffer,
  at: number,
): { body: Buffer; trailers: Record<string, string>; end: number } | undefined {
  const parts: Buffer[] = [];
  let pos = at;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) return undefined;
    const size = Number.parseInt(buf.toString('latin1', pos, eol).split(';')[0] ?? '', 16);
    if (Number.isNaN(size)) throw new Error(`bad chunk size line ${buf.toString('latin1', pos, eol)}`);
    pos = eol + 2;
    if (size === 0) {
      const end = buf.subarray(pos, pos + 2).toString() === '\r\n' ? pos : buf.indexOf('\r\n\r\n', pos);
      if (end < 0) return undefined;
      const lines = end === pos ? [] : buf.toString('latin1', pos, end).split('\r\n');
      return { body: Buffer.concat(parts), trailers: parseFields(lines), end: end + (end === pos ? 2 : 4) };
    }
    if (buf.length < pos + size + 2) return undefined;
    parts.push(buf.subarray(pos, pos + size));
    if (buf.toString('latin1', pos + size, pos + size + 2) !== '\r\n') throw new Error('chunk without CRLF');
    pos += size + 2;
  }
}

/**
 * One message from buf: a response (`request` false; `noBody` for HEAD) or a request. Returns the message and
 * the bytes it used, or undefined when more bytes are needed (`ended`: the peer closed, ending a close-delimited
 * response).
 */
export function parseMessage(
  buf: Buffer,
  options: { request?: boolean; noBody?: boolean; ended?: boolean } = {},
): { message: RawMessage; used: number } | undefined {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [line = '', ...lines] = buf.toString('latin1', 0, headEnd).split('\r\n');
  const headers = parseFields(lines);
  const status = options.request === true ? 0 : Number(line.split(' ')[1]);
  const at = headEnd + 4;
  const msg = (body: Buffer, trailers: Record<string, string>) => ({
    status,
    line,
    headers,
    body: body.toString('latin1'),
    trailers,
  });
  if (options.noBody === true || (status > 0 && (status < 200 || status === 204 || status === 304))) {
    return { message: msg(Buffer.alloc(0), {}), used: at };
  }
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const c = parseChunked(buf, at);
    return c === undefined ? undefined : { message: msg(c.body, c.trailers), used: c.end };
  }
  if (headers['content-length'] !== undefined) {
    const n = Number(headers['content-length']);
    if (buf.length < at + n) return undefined;
    return { message: msg(buf.subarray(at, at + n), {}), used: at + n };
  }
  if (options.request === true) return { message: msg(Buffer.alloc(0), {}), used: at };
  if (options.ended !== true) return undefined;
  return { message: msg(buf.subarray(at), {}), used: buf.length };
}

/** A client connection that writes raw bytes and reads responses in order. */
export class RawClient {
  buf: Buffer = Buffer.alloc(0);
  ended = false;
  readonly #wake = new Set<() => void>();

  private constructor(readonly socket: Socket) {
    socket.on('data', (c: Buffer) => {
      this.buf = Buffer.concat([this.buf, c]);
      this.#notify();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.ended = true;
      this.#notify();
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  #notify(): void {
    for (const w of [...this.#wake]) w();
  }

  /** Waits until `check` returns a value (re-checked on every read and on close), at most `timeoutMs`. */
  until<T>(check: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = (): boolean => {
        let v: T | undefined;
        try {
          v = check();
        } catch (err) {
          finish();
          reject(err);
          return true;
        }
        if (v === undefined) return false;
        finish();
        resolve(v);
        return true;
      };
      const wake = () => {
        if (!done() && this.ended) {
          finish();
          reject(
            new Error(`connection closed while waiting for ${what}; received ${JSON.stringify(this.text())}`),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.text())}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#wake.delete(wake);
      };
      this.#wake.add(wake);
      wake();
    });
  }

  /** The next response (consumed from the buffer); `head`: it answers a HEAD request. */
  async response(options: { head?: boolean; timeoutMs?: number } = {}): Promise<RawMessage> {
    const r = await this.until(
      () => parseMessage(this.buf, { noBody: options.head === true, ended: this.ended }),
      'a response',
      options.timeoutMs,
    );
    this.buf = this.buf.subarray(r.used);
    return r.message;
  }

  /** Resolves when the proxy closed the connection (bounded). */
  closed(timeoutMs = 5_000): Promise<true> {
    return this.until(() => (this.ended ? true : undefined), 'the connection to close', timeoutMs);
  }

  text(): string {
    return this.buf.toString('latin1');
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export interface RawExchange {
  readonly request: RawMessage;
  /** Which connection (0, 1 ...) in accept order, and the request's index on that connection. */
  readonly connection: number;
  readonly index: number;
  readonly socket: Socket;
}

export interface RawUpstream {
  readonly port: number;
  readonly requests: RawExchange[];
  /** Connections accepted so far. */
  connections(): number;
  /** Sockets still open. */
  readonly open: Set<Socket>;
  close(): Promise<void>;
}

/**
 * A TCP upstream that parses requests and calls `answer` for each (it writes raw bytes to the socket). `early`:
 * answer each connection's first request as soon as its head arrives, ignoring its body and everything after.
 */
export async function startRawUpstream(
  answer: (x: RawExchange) => void,
  options: { early?: boolean } = {},
): Promise<RawUpstream> {
  const requests: RawExchange[] = [];
  const open = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    const connection = accepted++;
    let index = 0;
    let buf = Buffer.alloc(0);
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (c: Buffer) => {
      if (options.early === true && index > 0) return;
      buf = Buffer.concat([buf, c]);
      for (;;) {
        const r = parseMessage(buf, { request: true, noBody: options.early === true });
        if (r === undefined) return;
        buf = buf.subarray(r.used);
        const x: RawExchange = { request: r.message, connection, index: index++, socket };
        requests.push(x);
        answer(x);
        if (options.early === true) return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    connections: () => accepted,
    open,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
