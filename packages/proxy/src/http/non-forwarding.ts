// Routes answered by the router itself: redirect (Location built as Envoy's RouteEntryImplBase::newUri does:
// scheme, host, port, path, query, each replaced when the RedirectAction says so; response_code default 301)
// and direct_response (status and an inline body).
import type { Route } from '@minimesh/model/xds';
import { compileRegexMatcher, getPortStart } from '@minimesh/model/xds';
import type { HttpStream } from './http-stream.js';

type RedirectAction = NonNullable<Route['redirect']>;
type DirectResponseAction = NonNullable<Route['direct_response']>;

const REDIRECT_CODES: Readonly<Record<string, number>> = {
  MOVED_PERMANENTLY: 301,
  FOUND: 302,
  SEE_OTHER: 303,
  TEMPORARY_REDIRECT: 307,
  PERMANENT_REDIRECT: 308,
};

function splitHost(authority: string): [string, string] {
  const colon = getPortStart(authority);
  return colon < 0 ? [authority, ''] : [authority.slice(0, colon), authority.slice(colon)];
}

/** The Location of a redirect for `stream`. */
export function redirectLocation(stream: HttpStream, r: RedirectAction): string {
  const scheme = r.https_redirect === true ? 'https' : r.scheme_redirect || 'http';
  const schemeChanged = r.https_redirect === true || (r.scheme_redirect ?? '') !== '';
  let [host, port] = splitHost(stream.authority);
  if ((r.host_redirect ?? '') !== '') {
    const [h, p] = splitHost(r.host_redirect ?? '');
    host = h;
    if (p !== '') port = p;
  }
  if ((r.port_redirect ?? 0) > 0) port = `:${r.port_redirect}`;
  else if (schemeChanged && (port === ':80' || port === ':443')) port = '';
  const q = stream.path.indexOf('?');
  let path = q < 0 ? stream.path : stream.path.slice(0, q);
  let query = q < 0 ? '' : stream.path.slice(q);
  if ((r.path_redirect ?? '') !== '') {
    const pr = r.path_redirect ?? '';
    const pq = pr.indexOf('?');
    path = pq < 0 ? pr : pr.slice(0, pq);
    if (pq >= 0) query = pr.slice(pq);
  } else if ((r.prefix_rewrite ?? '') !== '') {
    const prefix = stream.route?.route.match?.prefix ?? '';
    path = (r.prefix_rewrite ?? '') + path.slice(prefix.length);
  } else if (r.regex_rewrite !== undefined && r.regex_rewrite !== null) {
    const re = compileRegexMatcher(r.regex_rewrite.pattern, 'redirect.regex_rewrite.pattern');
    const sub = (r.regex_rewrite.substitution ?? '').replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
    path = re.matcher(path).replaceAll(sub);
  }
  if (r.strip_query === true) query = '';
  return `${scheme}://${host}${port}${path}${query}`;
}

export function redirect(stream: HttpStream, r: RedirectAction): void {
  const code = REDIRECT_CODES[String(r.response_code ?? 'MOVED_PERMANENTLY')] ?? 301;
  stream.respond(code, '', 'redirect', { location: redirectLocation(stream, r) });
}

export function directResponse(stream: HttpStream, d: DirectResponseAction): void {
  const body = d.body;
  let text = '';
  if (body?.inline_string !== undefined) text = body.inline_string;
  else if (body?.inline_bytes !== undefined) text = Buffer.from(body.inline_bytes as Uint8Array).toString();
  stream.respond(d.status ?? 200, text, 'direct_response');
}
