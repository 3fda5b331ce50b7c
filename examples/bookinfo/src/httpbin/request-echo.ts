// What httpbin answers about a request: its headers with canonical names, query args, client address, URL,
// and for /anything the body (raw, and as form or JSON when it parses as such).
import type { IncomingMessage } from 'node:http';

/** `x-request-id` -> `X-Request-Id`: the form httpbin prints header names in. */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((w) => (w === '' ? w : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('-');
}

/** The request's headers, canonical names, sorted by name; repeated headers joined with `,`. */
export function echoHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const names = Object.keys(req.headers).sort();
  for (const name of names) {
    const v = req.headers[name];
    if (v === undefined) continue;
    out[canonicalHeaderName(name)] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

/** Query args: a name given once maps to its value, a repeated one to the list of values. */
export function echoArgs(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of [...new Set(query.keys())].sort()) {
    const all = query.getAll(name);
    out[name] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

/** The client address: the first X-Forwarded-For hop when a proxy set one, else the peer address. */
export function origin(req: IncomingMessage): string {
  const xff = req.headers['x-forwarded-for'];
  const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || '';
}

/** The URL as the client asked for it (the Host header names the authority). */
export function requestUrl(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  if (/^https?:\/\//i.test(raw)) return raw;
  return `http://${req.headers.host ?? 'localhost'}${raw}`;
}

export interface BodyEcho {
  readonly data: string;
  readonly form: Record<string, string | string[]>;
  readonly json: unknown;
}

/** The body as text, plus its form fields or parsed JSON when the content type says so. */
export function echoBody(body: Buffer, contentType: string | undefined): BodyEcho {
  const data = body.toString('utf8');
  const type = (contentType ?? '').toLowerCase();
  let form: Record<string, string | string[]> = {};
  let json: unknown = null;
  if (type.startsWith('application/x-www-form-urlencoded')) form = echoArgs(new URLSearchParams(data));
  else if (type.includes('json') && data !== '') {
    try {
      json = JSON.parse(data);
    } catch {
      json = null;
    }
  }
  return { data, form, json };
}

/**
 * The status of `/status/{codes}`: one code, or a comma list of `code[:weight]` from which one is drawn by
 * weight (weights default to 1), as httpbin does. Undefined when the list is not valid.
 */
export function pickStatus(spec: string, random: () => number): number | undefined {
  const choices: { code: number; weight: number }[] = [];
  for (const part of spec.split(',')) {
    const [c, w] = part.split(':');
    const code = Number(c);
    const weight = w === undefined ? 1 : Number(w);
    if (!Number.isInteger(code) || code < 100 || code > 599 || !(weight >= 0)) return undefined;
    choices.push({ code, weight });
  }
  const total = choices.reduce((s, c) => s + c.weight, 0);
  if (choices.length === 0 || total <= 0) return undefined;
  if (choices.length === 1) return choices[0]?.code; // no draw for a single code
  let x = random() * total;
  for (const c of choices) {
    x -= c.weight;
    if (x < 0) return c.code;
  }
  return choices[choices.length - 1]?.code;
}
