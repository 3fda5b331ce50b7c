// The load client's command line, in fortio's form so Istio's task commands work with only the program name
// changed: `load [load] -c 2 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get`.

export interface LoadOptions {
  readonly url: string;
  /** Concurrent connections, each sending its requests one after the other (-c, default 4 as fortio). */
  readonly connections: number;
  /** Total requests per second over all connections; 0 means as fast as possible (-qps, default 8). */
  readonly qps: number;
  /** Total requests (-n); when absent the run lasts `durationMs`. */
  readonly requests: number | undefined;
  /** Run length in milliseconds when -n is absent (-t, default 5 s). */
  readonly durationMs: number;
  /** Deadline of one request in milliseconds (-timeout, default 3 s as fortio). */
  readonly timeoutMs: number;
  /** Extra request headers (-H "Name: value", repeatable). */
  readonly headers: Readonly<Record<string, string>>;
  /** Print the result as JSON instead of text (-json). */
  readonly json: boolean;
}

export type ParseResult = { ok: true; options: LoadOptions } | { ok: false; error: string };

export const USAGE = `usage: load [load] [-c connections] [-qps rate] [-n requests | -t duration] [-timeout duration]
            [-H "Name: value"]... [-json] [-loglevel level] URL
  -qps 0 sends as fast as possible; durations are fortio's (500ms, 3s, 1m)`;

/** `3s`, `500ms`, `1m`, `1.5s`, or a bare number of seconds, in milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const scale = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return n * scale;
}

/** Flags take one dash or two (`-c 2`, `--c=2`); unknown flags are errors, so a typo is not ignored. */
export function parseLoadArgs(argv: readonly string[]): ParseResult {
  let connections = 4;
  let qps = 8;
  let requests: number | undefined;
  let durationMs = 5000;
  let timeoutMs = 3000;
  let json = false;
  let url: string | undefined;
  const headers: Record<string, string> = {};
  const args = [...argv];
  if (args[0] === 'load') args.shift();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) {
      if (url !== undefined) return { ok: false, error: `one URL expected, got ${url} and ${arg}` };
      url = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.replace(/^--?/, '').split('=')[0] ?? '';
    if (flag === 'json') {
      json = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) return { ok: false, error: `-${flag} needs a value` };
    const int = (min: number): number | undefined => {
      const n = Number(value);
      return Number.isInteger(n) && n >= min ? n : undefined;
    };
    switch (flag) {
      case 'c': {
        const n = int(1);
        if (n === undefined) return { ok: false, error: `-c expects a positive integer, got ${value}` };
        connections = n;
        break;
      }
      case 'qps': {
        const n = Number(value);
        if (!Number.isFinite(n)) return { ok: false, error: `-qps expects a number, got ${value}` };
        qps = Math.max(n, 0); // fortio: 0 or -1 is "max speed"
        break;
      }
      case 'n': {
        const n = int(1);
        if (n === undefined) return { ok: false, error: `-n expects a positive integer, got ${value}` };
        requests = n;
        break;
      }
      case 't':
      case 'timeout': {
        const ms = parseDuration(value);
        if (ms === undefined || ms <= 0)
          return { ok: false, error: `-${flag} expects a duration like 3s, got ${value}` };
        if (flag === 't') durationMs = ms;
        else timeoutMs = ms;
        break;
      }
      case 'H': {
        const colon = value.indexOf(':');
        if (colon <= 0) return { ok: false, error: `-H expects "Name: value", got ${value}` };
        headers[value.slice(0, colon).trim().toLowerCase()] = value.slice(colon + 1).trim();
        break;
      }
      case 'loglevel':
        break; // accepted for fortio compatibility; this client logs only errors
      default:
        return { ok: false, error: `unknown flag -${flag}` };
    }
  }
  if (url === undefined) return { ok: false, error: 'a URL is required' };
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    return { ok: false, error: `not an http(s) URL: ${url}` };
  }
  return { ok: true, options: { url, connections, qps, requests, durationMs, timeoutMs, headers, json } };
}
