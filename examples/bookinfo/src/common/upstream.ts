// Calls from one bookinfo app to another. In a mesh the app reaches its peers by service name through its
// sidecar: undici's EnvHttpProxyAgent honours HTTP_PROXY / NO_PROXY, and with `proxyTunnel: false` a plain
// http:// call goes to the proxy as one absolute-form request per call (`GET http://reviews:9080/reviews/0`),
// so the sidecar sees and routes every request, as Envoy does for an app's outbound traffic in a pod.
import { type Dispatcher, EnvHttpProxyAgent, request } from 'undici';

/** The dispatcher for calls to peers: through HTTP_PROXY when set, direct otherwise. */
export function meshDispatcher(): Dispatcher {
  return new EnvHttpProxyAgent({ proxyTunnel: false });
}

export type UpstreamResult =
  /** The peer answered (any status); `body` is its parsed JSON, or undefined when it was not JSON. */
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  /** No answer: connection refused, reset, or no answer within the timeout. */
  | { readonly ok: false; readonly error: string };

export interface GetOptions {
  readonly dispatcher: Dispatcher;
  readonly headers: Record<string, string>;
  /** Deadline for the whole call (connect, headers and body), in milliseconds. */
  readonly timeoutMs: number;
}

/** GET `url` and read a JSON answer; never throws. */
export async function getJson(url: string, options: GetOptions): Promise<UpstreamResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await request(url, {
      method: 'GET',
      dispatcher: options.dispatcher,
      // A copy: undici's ProxyAgent (proxyTunnel: false) adds `host` to the object it is given, and the caller
      // reuses its headers for the next peer (productpage: details, then reviews).
      headers: { ...options.headers },
      signal,
    });
    const text = await res.body.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { ok: true, status: res.statusCode, body };
  } catch (err) {
    const e = err as Error & { code?: string };
    const why = signal.aborted ? `timed out after ${options.timeoutMs}ms` : (e.code ?? e.message);
    return { ok: false, error: why };
  }
}

/** Narrowing helper: a plain JSON object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
