// A small HTTPS client for the webhook tests: one fresh connection per request, the test CA as the only trust
// anchor (so a request proves the server's certificate chains to it).
import { request } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  peer: PeerCertificate;
}

export function call(
  url: string,
  ca: string,
  init: {
    method?: string;
    path?: string;
    body?: string | Buffer;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
  const target = new URL(init.path ?? '/inject', url);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: init.method ?? 'POST',
        ca,
        agent: false,
        headers: {
          ...(init.contentType !== undefined ? { 'content-type': init.contentType } : {}),
          ...(init.body !== undefined ? { 'content-length': Buffer.byteLength(init.body) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const peer = (res.socket as TLSSocket).getPeerCertificate();
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            peer,
          }),
        );
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
