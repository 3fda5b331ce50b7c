// Writing whole answers: each sets content-type and content-length (the access log reports the length).
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  sendText(res, status, text, 'application/json', headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(text, 'utf8');
  // setHeader, not writeHead's object: the access log reads content-length back with getHeader.
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', bytes.byteLength);
  res.writeHead(status);
  res.end(bytes);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, html, 'text/html; charset=utf-8', headers);
}

/** A 302 to `location` with an empty body, plus extra headers (Set-Cookie). */
export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('location', location);
  res.setHeader('content-length', 0);
  res.writeHead(302);
  res.end();
}

/** Reads the request body whole, up to `maxBytes` (1 MiB by default); more is an error. */
export async function readBody(req: IncomingMessage, maxBytes = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > maxBytes) throw new Error(`request body larger than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The request path without its query string, and its query. */
export function splitUrl(req: IncomingMessage): { path: string; query: URLSearchParams } {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return { path: url.pathname, query: url.searchParams };
}
