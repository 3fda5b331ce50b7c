// The signed-in user: POST /login stores the user name in the `user` cookie, GET /logout clears it. The cookie
// stands in for Istio's Flask session; what matters to the mesh is that productpage then sends `end-user`.
import type { IncomingMessage } from 'node:http';

export const USER_COOKIE = 'user';

/** Cookies of the request, by name; the first of a repeated name wins. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (out.has(name)) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

/** The signed-in user, or undefined when nobody is (an empty name counts as nobody). */
export function sessionUser(req: IncomingMessage): string | undefined {
  const user = parseCookies(req.headers.cookie).get(USER_COOKIE);
  return user === undefined || user === '' ? undefined : user;
}

export function loginCookie(user: string): string {
  return `${USER_COOKIE}=${encodeURIComponent(user)}; Path=/; HttpOnly; SameSite=Lax`;
}

export function logoutCookie(): string {
  return `${USER_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
}

/**
 * The user name of a login: `username` from the urlencoded form body, else from the query string (Flask's
 * request.values reads both).
 */
export function loginName(
  body: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): string | undefined {
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const name = new URLSearchParams(body.toString('utf8')).get('username');
    if (name !== null) return name;
  }
  return query.get('username') ?? undefined;
}

/**
 * Where login and logout send the browser back to: the Referer, as Istio's productpage does; when there is
 * none, the product page. Only a path on this site is followed (no open redirect).
 */
export function backTo(req: IncomingMessage): string {
  const referer = req.headers.referer;
  if (referer !== undefined) {
    try {
      const url = new URL(referer, 'http://self.invalid');
      const host = req.headers.host;
      if (url.host === 'self.invalid' || (host !== undefined && url.host === host)) {
        return `${url.pathname}${url.search}`;
      }
    } catch {
      // an unparseable Referer falls through to the default
    }
  }
  return '/productpage';
}
