// The response to one downstream HTTP/1.1 request, with the part of node:http's ServerResponse the proxy uses
// (writeHead / setHeader / write / end / addTrailers / destroy, headersSent, writableEnded, the 'close' and
// 'drain' events) and no stream machinery. Framing is decided when the head is written: no body for HEAD, 1xx,
// 204 and 304; the content-length given; a content-length computed when end(body) is the only write; else
// chunked to an HTTP/1.1 client, or close-delimited to an HTTP/1.0 one. The head leaves in the same write as
// the first body bytes. 'close' fires once: after end() (the response is complete) or when the connection dies
// first (writableEnded stays false, which the connection manager reads as the client going away, DC).
import type { Socket } from 'node:net';
import type { HeaderRecord } from './head-parser.js';
import { headerLines, httpDate, joinHeadAndBody, statusHasNoBody, statusLine } from './serialize.js';

/** What the response tells its connection. */
export interface ResponseOwner {
  readonly socket: Socket;
  /** The response ended (complete) or was aborted; the connection goes on with the next request or closes. */
  responseDone(res: H1Response): void;
}

type Listener = () => void;

const FRAMING_HEADERS: ReadonlySet<string> = new Set(['connection', 'transfer-encoding', 'keep-alive']);

export class H1Response {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  writableFinished = false;
  destroyed = false;
  #headers: HeaderRecord = {};
  /** setHeader was called (writeHead then merges instead of taking the caller's object). */
  #headersSet = false;
  /** The head was written (with the first body bytes or at end). */
  #flushed = false;
  #chunked = false;
  #noBody = false;
  #trailers: string | undefined;
  #close: Listener[] | undefined;
  #closed = false;

  constructor(
    private readonly owner: ResponseOwner,
    /** The request was HEAD (no body is ever written). */
    private readonly head: boolean,
    /** The connection stays open after this response (decided from the request). */
    public keepAlive: boolean,
    private readonly http10: boolean,
  ) {}

  setHeader(name: string, value: string | string[] | number): this {
    this.#headersSet = true;
    this.#headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : value;
    return this;
  }

  getHeader(name: string): string | string[] | undefined {
    return this.#headers[name.toLowerCase()];
  }

  hasHeader(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }

  removeHeader(name: string): void {
    this.#headers[name.toLowerCase()] = undefined;
  }

  /** Sets the status and headers (lower-case names expected; merged over setHeader's). Written with the body. */
  writeHead(status: number, headers?: HeaderRecord): this {
    if (this.headersSent) return this;
    this.statusCode = status;
    if (headers !== undefined && !this.#headersSet) {
      // Nothing set before: the caller's object is taken as is (its names are lower case), not copied.
      this.#headers = headers;
    } else if (headers !== undefined) {
      for (const k in headers) {
        const v = headers[k];
        if (v !== undefined) this.#headers[k.charCodeAt(0) < 97 ? k.toLowerCase() : k] = v;
      }
    }
    this.headersSent = true;
    return this;
  }

  /** Builds the head; `total` is the whole body's length when known at this point (end(body) without writes). */
  #buildHead(total: number | undefined): string {
    const h = this.#headers;
    const status = this.statusCode;
    let framing = '';
    if (statusHasNoBody(status)) this.#noBody = true;
    else if (this.head) this.#noBody = true;
    else if (h['content-length'] !== undefined) {
      // The given length frames the body.
    } else if (total !== undefined) framing = `content-length: ${total}\r\n`;
    else if (!this.http10) {
      framing = 'transfer-encoding: chunked\r\n';
      this.#chunked = true;
    } else this.keepAlive = false;
    if (!this.keepAlive) framing += 'connection: close\r\n';
    else if (this.http10) framing += 'connection: keep-alive\r\n';
    const date = h.date === undefined ? `date: ${httpDate()}\r\n` : '';
    return `${statusLine(status)}${headerLines(h, FRAMING_HEADERS)}${date}${framing}\r\n`;
  }

  /** Writes a body chunk (the head first, in the same buffer); false when the socket's buffer is full. */
  write(chunk: Buffer | string): boolean {
    if (this.writableEnded || this.destroyed) return false;
    if (!this.headersSent) this.writeHead(this.statusCode);
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let head = '';
    if (!this.#flushed) {
      head = this.#buildHead(undefined);
      this.#flushed = true;
    }
    if (this.#noBody || body.length === 0) {
      return head === '' ? true : this.owner.socket.write(head, 'latin1');
    }
    const out = this.#chunked
      ? joinHeadAndBody(head, body, `${body.length.toString(16)}\r\n`, '\r\n')
      : head === ''
        ? body
        : joinHeadAndBody(head, body);
    return this.owner.socket.write(out);
  }

  /** Trailer fields, sent after a chunked body (dropped otherwise, as node:http drops them). */
  addTrailers(trailers: HeaderRecord): void {
    this.#trailers = headerLines(trailers);
  }

  /** Ends the response, writing what is left (head, last body bytes, the last chunk and trailers) in one write. */
  end(chunk?: Buffer | string): this {
    if (this.writableEnded || this.destroyed) return this;
    if (!this.headersSent) this.writeHead(this.statusCode);
    const body = chunk === undefined ? undefined : typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let head = '';
    if (!this.#flushed) {
      head = this.#buildHead(body?.length ?? 0);
      this.#flushed = true;
    }
    this.writableEnded = true;
    const payload = this.#noBody || body === undefined || body.length === 0 ? undefined : body;
    let out: Buffer | string | undefined;
    if (this.#chunked) {
      const last = `0\r\n${this.#trailers ?? ''}\r\n`;
      out =
        payload === undefined
          ? head + last
          : joinHeadAndBody(head, payload, `${payload.length.toString(16)}\r\n`, `\r\n${last}`);
    } else if (payload !== undefined) out = head === '' ? payload : joinHeadAndBody(head, payload);
    else if (head !== '') out = head;
    const socket = this.owner.socket;
    if (out !== undefined && !socket.destroyed) {
      if (typeof out === 'string') socket.write(out, 'latin1');
      else socket.write(out);
    }
    this.writableFinished = true;
    this.#emitClose();
    this.owner.responseDone(this);
    return this;
  }

  /** Resets the connection (a response that cannot be completed). */
  destroy(): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.owner.socket.destroy();
    return this;
  }

  /** The connection died before end(): 'close' with writableEnded false. Called by the connection. */
  aborted(): void {
    this.destroyed = true;
    this.#emitClose();
  }

  on(event: string, listener: Listener): this {
    if (event === 'close') {
      if (this.#close === undefined) this.#close = [listener];
      else this.#close.push(listener);
    } else if (event === 'drain') this.owner.socket.on('drain', listener);
    return this;
  }

  once(event: string, listener: Listener): this {
    if (event === 'drain') this.owner.socket.once('drain', listener);
    else this.on(event, listener);
    return this;
  }

  #emitClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    const listeners = this.#close;
    this.#close = undefined;
    if (listeners !== undefined) for (const l of listeners) l();
  }
}
