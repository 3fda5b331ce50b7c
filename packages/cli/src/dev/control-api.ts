// The dev control plane's HTTP API (node:http, JSON), on 127.0.0.1:15014 by default:
//   POST /apply   {files: [{path, content}]}  create or replace each resource (kubectl apply)
//   POST /delete  {files: [{path, content}]}  remove each resource named (kubectl delete -f)
//        200 {version, results: [{action, group, kind, namespace, name, file, line}]}: what changed
//        400 {error, diagnostics: [{file, line, column, path, field, message, code, severity}]}: nothing changed
//   GET  /status  {version, resources: {Kind: n}, proxies: [{nodeId, pod, namespace, adminAddress, xds}]}
//   GET  /config  {version, resources: [{apiVersion, kind, namespace, name, file, line, object}]}
// Bodies over 16 MiB are refused (413). Anything else is 404 or 405 with a JSON error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Diagnostic, formatPath } from '@minimesh/model';
import type { ControlPlane, InputFile } from './control-plane.js';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ControlApi {
  readonly port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A diagnostic as the API sends it: the model's fields plus `field`, the path in its printed form. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { ...d, path: [...d.path], field: formatPath(d.path) };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `{files: [{path, content}]}`, checked; HttpError 400 naming what was expected. */
export function parseFilesBody(text: string): InputFile[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new HttpError(
      400,
      `the body is not JSON (${(err as Error).message}); expected {"files": [{"path", "content"}]}`,
    );
  }
  const files = (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || files.length === 0)
    throw new HttpError(
      400,
      'expected {"files": [{"path": string, "content": string}, ...]} with at least one file',
    );
  return files.map((f: unknown, i) => {
    const { path, content } = (f ?? {}) as { path?: unknown; content?: unknown };
    if (typeof path !== 'string' || typeof content !== 'string')
      throw new HttpError(400, `files[${i}]: expected {"path": string, "content": string}`);
    return { path, content };
  });
}

async function route(cp: ControlPlane, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/apply' || path === '/delete') {
    if (req.method !== 'POST') throw new HttpError(405, `${path} takes POST`);
    const files = parseFilesBody(await readBody(req));
    const outcome = path === '/apply' ? await cp.apply(files) : await cp.delete(files);
    if (!outcome.ok) {
      send(res, 400, {
        error: `${outcome.diagnostics.filter((d) => d.severity === 'error').length} error(s); nothing was changed`,
        diagnostics: outcome.diagnostics.map(diagnosticJson),
      });
      return;
    }
    send(res, 200, {
      version: outcome.version,
      results: outcome.results,
      diagnostics: outcome.diagnostics.map(diagnosticJson),
    });
    return;
  }
  if (path === '/status' || path === '/config') {
    if (req.method !== 'GET') throw new HttpError(405, `${path} takes GET`);
    if (path === '/status') send(res, 200, cp.status());
    else
      send(res, 200, {
        version: cp.version,
        mesh: cp.meshConfig(),
        resources: cp.resources().map((r) => ({
          apiVersion: r.apiVersion,
          kind: r.kind,
          namespace: r.namespace,
          name: r.name,
          file: r.source.file,
          line: r.source.line,
          object: r.object,
        })),
      });
    return;
  }
  throw new HttpError(404, `no ${path}; expected POST /apply, POST /delete, GET /status or GET /config`);
}

/** Serves the API for `cp` on host:port (0 = a free port). Rejects when the port cannot be bound. */
export async function startControlApi(cp: ControlPlane, host: string, port: number): Promise<ControlApi> {
  const server = createServer((req, res) => {
    route(cp, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!res.headersSent) send(res, status, { error: (err as Error).message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr !== null ? addr.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
