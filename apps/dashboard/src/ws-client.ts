// The page's one websocket to the dashboard server (`/ws` on the page's own origin). Reconnects with exponential
// backoff (250 ms doubling to 5 s, reset by a successful `hello`); requests carry an id and resolve with the
// `response` of the same id. Invariant: every pending request settles (answer, connection loss, or timeout).
import type {
  ClientMessage,
  ClientRequest,
  DASHBOARD_PROTOCOL,
  ResponseResults,
  ServerMessage,
} from '@minimesh/cli/dashboard-protocol';

/** The protocol this page speaks; the type ties it to the server's constant at compile time. */
export const PAGE_PROTOCOL: typeof DASHBOARD_PROTOCOL = 1;

/** Backoff bounds, ms. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;
/** How long a request may wait for its answer, ms (a what-if replay of many requests is the slowest). */
const REQUEST_TIMEOUT_MS = 60_000;

export class RequestError extends Error {
  readonly code: 'DASHBOARD_REQUEST_FAILED' | 'DASHBOARD_DISCONNECTED' | 'DASHBOARD_TIMEOUT';
  constructor(code: RequestError['code'], message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

export interface WsClientHandlers {
  onMessage(msg: ServerMessage): void;
  /** Connection changes; `error` says why the page is not live (refused protocol, unreadable frame). */
  onStatus(connected: boolean, error?: string): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export function defaultSocketUrl(loc: Location = window.location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/ws`;
}

export class WsClient {
  readonly #url: string;
  readonly #handlers: WsClientHandlers;
  #socket: WebSocket | undefined;
  #retryMs = FIRST_RETRY_MS;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #closed = false;
  /** False after a `hello` of another protocol version: the page stops reconnecting. */
  #compatible = true;

  constructor(url: string, handlers: WsClientHandlers) {
    this.#url = url;
    this.#handlers = handlers;
    this.#connect();
  }

  send<K extends ClientRequest['op']>(req: Extract<ClientRequest, { op: K }>): Promise<ResponseResults[K]> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(
        new RequestError('DASHBOARD_DISCONNECTED', `${req.op}: the dashboard is not connected`),
      );
    }
    const id = this.#nextId++;
    const msg: ClientMessage = { type: 'request', id, ...req };
    return new Promise<ResponseResults[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RequestError('DASHBOARD_TIMEOUT', `${req.op}: no answer within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      socket.send(JSON.stringify(msg));
    });
  }

  close(): void {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket?.close();
    this.#failPending('the page closed the connection');
  }

  #connect(): void {
    if (this.#closed || !this.#compatible) return;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onmessage = (ev) => this.#receive(ev.data);
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      this.#failPending('the connection closed');
      if (this.#compatible) this.#handlers.onStatus(false);
      this.#scheduleRetry();
    };
    socket.onerror = () => {
      // A close event follows every error; the retry is scheduled there.
    };
  }

  #scheduleRetry(): void {
    if (this.#closed || !this.#compatible) return;
    const wait = this.#retryMs;
    this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
    this.#retryTimer = setTimeout(() => this.#connect(), wait);
  }

  #receive(data: unknown): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(data)) as ServerMessage;
    } catch {
      this.#handlers.onStatus(true, 'the server sent a frame that is not JSON');
      return;
    }
    if (msg.type === 'hello') {
      if (msg.protocol !== PAGE_PROTOCOL) {
        this.#compatible = false;
        this.#handlers.onStatus(
          false,
          `the server speaks dashboard protocol ${msg.protocol}, this page ${PAGE_PROTOCOL}: reload the page`,
        );
        this.#socket?.close();
        return;
      }
      this.#retryMs = FIRST_RETRY_MS;
      this.#handlers.onStatus(true);
    }
    if (msg.type === 'response') {
      const pending = this.#pending.get(msg.id);
      if (!pending) return;
      this.#pending.delete(msg.id);
      clearTimeout(pending.timer);
      if (msg.ok) pending.resolve(msg.result);
      else pending.reject(new RequestError('DASHBOARD_REQUEST_FAILED', msg.error ?? 'the server refused it'));
      return;
    }
    this.#handlers.onMessage(msg);
  }

  #failPending(why: string): void {
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new RequestError('DASHBOARD_DISCONNECTED', `request ${id}: ${why}`));
    }
    this.#pending.clear();
  }
}
