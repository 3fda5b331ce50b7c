// The injection webhook over HTTPS: POST /inject (and /inject/cluster/<id>/net/<network>) takes an AdmissionReview
// and answers one; GET /healthz and /readyz answer "ok"; GET /metrics gives Prometheus text. Request errors have
// their status codes (empty body 400, wrong content type 415, too large 413, slow 408, unknown path 404, wrong
// method 405); every answer has a body, including an unexpected 500. It listens on 127.0.0.1 unless told.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from '../inject/inject.js';
import { reviewAdmission } from './admission.js';
import { WebhookMetrics } from './metrics.js';
import { loadTls, type TlsFiles, watchTls } from './tls-files.js';

export interface WebhookServerOptions extends TlsFiles {
  /** Default 127.0.0.1; use 0.0.0.0 in a cluster. */
  host?: string;
  /** Default 0 (any free port); Istio's injector listens on 15017. */
  port?: number;
  /** Largest request body in bytes (default 4 MiB; the kube-apiserver's own limit is 3 MiB of object). */
  maxBodyBytes?: number;
  /** Time to receive a whole request, in ms (default 10 000, the apiserver's default webhook timeout). */
  requestTimeoutMs?: number;
  /** How often the TLS files are checked for changes, in ms (default 1000). */
  tlsPollMs?: number;
  /** How pods are injected (mesh config, values, revision, templates). */
  inject?: InjectOptions;
  /** Called for TLS reload errors and unexpected failures (default: ignored; they are counted in metrics). */
  onError?: (e: Error) => void;
}

export interface WebhookServer {
  readonly url: string;
  readonly port: number;
  readonly metrics: WebhookMetrics;
  /** Re-reads the TLS files now (the watcher does it on change). Throws when they do not load. */
  reloadTls(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** `application/json`, with parameters (charset) allowed. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const metrics = new WebhookMetrics();
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const onError = options.onError ?? (() => {});
  const tls = loadTls(options);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz' || path === '/readyz') return send(res, 200, 'ok\n');
    if (path === '/metrics')
      return send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
    if (path !== '/inject' && !path.startsWith('/inject/')) return send(res, 404, `no such path: ${path}\n`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, 'use POST with an AdmissionReview\n');
    }
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const body = await readBody(req, maxBody);
    if (body === 'too_large') {
      metrics.record('bad_request', seconds());
      return send(res, 413, `request body larger than ${maxBody} bytes\n`);
    }
    if (body.length === 0) {
      metrics.record('bad_request', seconds());
      return send(res, 400, 'no body found\n');
    }
    if (!isJson(req.headers['content-type'])) {
      metrics.record('bad_request', seconds());
      return send(res, 415, 'invalid Content-Type, want `application/json`\n');
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(body.toString('utf8'));
    } catch (e) {
      decoded = { malformed: (e as Error).message };
    }
    const result = reviewAdmission(decoded, options.inject, path);
    if (isMalformed(decoded))
      result.review.response.status = { message: `could not decode body: ${decoded.malformed}` };
    metrics.record(result.outcome, seconds());
    send(res, 200, JSON.stringify(result.review), 'application/json');
  }

  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  // Node checks request timeouts every connectionsCheckingInterval ms (30 s by default): check often enough.
  const checking = Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4)));
  const server: Server = createServer(
    { ...tls, requestTimeout, connectionsCheckingInterval: checking },
    (req, res) => {
      handle(req, res).catch((e: Error) => {
        onError(e);
        send(res, 500, `internal error: ${e.message}\n`);
      });
    },
  );
  server.headersTimeout = Math.min(requestTimeout, 10_000);
  const stopWatching = watchTls(
    options,
    options.tlsPollMs ?? 1000,
    (next) => {
      server.setSecureContext(next);
      metrics.tlsReloads.inc({ result: 'ok' });
    },
    (e) => {
      metrics.tlsReloads.inc({ result: 'error' });
      onError(e);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `https://${host}:${address.port}`,
    port: address.port,
    metrics,
    reloadTls() {
      server.setSecureContext(loadTls(options));
      metrics.tlsReloads.inc({ result: 'ok' });
    },
    close() {
      stopWatching();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function isMalformed(v: unknown): v is { malformed: string } {
  return typeof v === 'object' && v !== null && 'malformed' in v && Object.keys(v).length === 1;
}
