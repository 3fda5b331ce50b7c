// The page's websocket client against a real `ws` server on 127.0.0.1: hello and protocol check, requests answered
// by id, failures, and reconnecting after the server drops the connection.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { PAGE_PROTOCOL, RequestError, WsClient } from '../src/ws-client.js';

// The client is written for the browser's WebSocket; `ws` implements the same API for Node.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

interface Harness {
  server: WebSocketServer;
  url: string;
  sockets: WebSocket[];
  received: unknown[];
}

let h: Harness;
let client: WsClient | undefined;

function hello(protocol: number = PAGE_PROTOCOL): string {
  return JSON.stringify({ type: 'hello', protocol, meshDir: '/m', files: [], now: 1 });
}

/** Polls `check` every 10 ms for at most 5 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

beforeEach(async () => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const port = (server.address() as AddressInfo).port;
  h = { server, url: `ws://127.0.0.1:${port}/ws`, sockets: [], received: [] };
  server.on('connection', (ws) => {
    h.sockets.push(ws);
    ws.on('message', (data) => h.received.push(JSON.parse(String(data))));
  });
});

afterEach(async () => {
  client?.close();
  client = undefined;
  for (const s of h.sockets) s.terminate();
  await new Promise<void>((r) => h.server.close(() => r()));
});

describe('WsClient', () => {
  it('reports live after hello and passes other messages on', async () => {
    const status: [boolean, string | undefined][] = [];
    const messages: string[] = [];
    client = new WsClient(h.url, {
      onMessage: (m) => messages.push(m.type),
      onStatus: (c, e) => status.push([c, e]),
    });
    await until(() => h.sockets.length === 1, 'the connection');
    h.sockets[0]?.send(hello());
    h.sockets[0]?.send(JSON.stringify({ type: 'graph', graph: { windowS: 10, nodes: [], edges: [] } }));
    await until(() => messages.length === 2, 'two messages');
    expect(messages).toEqual(['hello', 'graph']);
    expect(status).toEqual([[true, undefined]]);
  });

  it('resolves a request with the response of its id and rejects a refused one', async () => {
    let live = false;
    client = new WsClient(h.url, { onMessage: () => {}, onStatus: (c) => (live = c) });
    await until(() => h.sockets.length === 1, 'the connection');
    h.sockets[0]?.send(hello());
    await until(() => live, 'live');
    const ok = client.send({ op: 'fileText', file: 'a.yaml' });
    const bad = client.send({ op: 'chain', proxy: 'nope' });
    await until(() => h.received.length === 2, 'two requests');
    const [first, second] = h.received as { id: number; op: string; type: string }[];
    expect(first).toMatchObject({ type: 'request', op: 'fileText', file: 'a.yaml' });
    expect(second).toMatchObject({ type: 'request', op: 'chain', proxy: 'nope' });
    // Answered out of order: each settles by its id.
    h.sockets[0]?.send(
      JSON.stringify({ type: 'response', id: second?.id, ok: false, error: 'no proxy nope' }),
    );
    h.sockets[0]?.send(
      JSON.stringify({
        type: 'response',
        id: first?.id,
        ok: true,
        result: { file: 'a.yaml', content: 'x', exists: true },
      }),
    );
    await expect(ok).resolves.toEqual({ file: 'a.yaml', content: 'x', exists: true });
    await expect(bad).rejects.toMatchObject({ code: 'DASHBOARD_REQUEST_FAILED', message: 'no proxy nope' });
  });

  it('rejects pending requests when the connection drops, then reconnects', async () => {
    const status: boolean[] = [];
    client = new WsClient(h.url, { onMessage: () => {}, onStatus: (c) => status.push(c) });
    await until(() => h.sockets.length === 1, 'the connection');
    h.sockets[0]?.send(hello());
    await until(() => status.length === 1, 'live');
    const pending = client.send({ op: 'configDump', proxy: 'p' });
    await until(() => h.received.length === 1, 'the request');
    h.sockets[0]?.terminate();
    await expect(pending).rejects.toBeInstanceOf(RequestError);
    await until(() => h.sockets.length === 2, 'the second connection');
    h.sockets[1]?.send(hello());
    await until(() => status.length === 3, 'live again');
    expect(status).toEqual([true, false, true]);
  });

  it('refuses a server of another protocol version and stops reconnecting', async () => {
    const status: [boolean, string | undefined][] = [];
    client = new WsClient(h.url, { onMessage: () => {}, onStatus: (c, e) => status.push([c, e]) });
    await until(() => h.sockets.length === 1, 'the connection');
    h.sockets[0]?.send(hello(PAGE_PROTOCOL + 1));
    await until(() => status.length === 1, 'the refusal');
    expect(status[0]?.[0]).toBe(false);
    expect(status[0]?.[1]).toContain(`protocol ${PAGE_PROTOCOL + 1}`);
    await until(() => h.sockets[0]?.readyState === WebSocket.CLOSED, 'the close');
    // Longer than the first retry delay (250 ms): no second connection comes.
    await new Promise((r) => setTimeout(r, 400));
    expect(h.sockets).toHaveLength(1);
    await expect(client.send({ op: 'chain', proxy: 'p' })).rejects.toMatchObject({
      code: 'DASHBOARD_DISCONNECTED',
    });
  });
});
