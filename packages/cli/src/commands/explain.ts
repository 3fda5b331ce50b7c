// `mesh explain -f FILE|DIR... PROXY URL [-H name:value]... [-X METHOD] [--gateway] [--random N] [--json]`: which
// listener, filter chain, route configuration, virtual host, route, cluster and endpoints a request from PROXY's
// sidecar (or, with --gateway, a request to that gateway) takes, and why: the translator's simulator over the
// proxy's translated resources. explainRequest() takes loaded resources, so a running mesh can feed it its own:
// without -f, the resources are the running dev mesh's live config (GET /config on --control-plane, default
// 127.0.0.1:15014, as `mesh proxy-status PROXY` reads it), and the output is the same.
import type { LoadedResource } from '@minimesh/model';
import { RegistryError, resolveShortName } from '@minimesh/model';
import { formatSimulation, type SimulatedCall, type SimulationResult, simulate } from '@minimesh/translator';
import { liveResources } from '../dev/expected-config.js';
import { diagnosticLines, loadInputs } from '../dev/load-inputs.js';
import { InstanceSelectError } from '../dev/select-instance.js';
import { type InstanceTranslation, translateInstance } from '../dev/translate-instance.js';
import { describeExplanation } from '../output/explain-text.js';
import { toJson } from '../output/format.js';
import { ControlPlaneUnreachableError, DEFAULT_CONTROL_PLANE } from './apply.js';
import type { CommandOutcome } from './inject.js';

export interface ExplainRequest {
  /** The proxy: a workload (`productpage-v1`, a pod name, an app label value), `[.NS]`; a gateway with `gateway`. */
  readonly proxy: string;
  /** True: `proxy` names a gateway and `url` is a request to it. */
  readonly gateway?: boolean;
  /** `http://reviews:9080/reviews/0`; the port defaults to the scheme's (80, 443). */
  readonly url: string;
  /** `name:value` or `name: value`, as curl's -H. */
  readonly headers?: readonly string[];
  /** Default GET. */
  readonly method?: string;
  /** The per-request random draw deciding weighted picks, fault and mirror shares (default 0). */
  readonly random?: number;
}

export interface Explanation {
  readonly instance: InstanceTranslation['instance'];
  readonly call: SimulatedCall;
  readonly result: SimulationResult;
}

export class ExplainInputError extends Error {
  readonly code = 'MESH_EXPLAIN_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'ExplainInputError';
  }
}

/** curl-style `-H` values as a header map (names lowercased; a repeated name joins with `,`). */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of values) {
    const colon = h.indexOf(':');
    const name = colon < 0 ? '' : h.slice(0, colon).trim().toLowerCase();
    if (name === '' || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name))
      throw new ExplainInputError(
        `-H ${JSON.stringify(h)}: expected name:value with a header name before the colon`,
      );
    const value = h.slice(colon + 1).trim();
    out[name] = out[name] === undefined ? value : `${out[name]},${value}`;
  }
  return out;
}

/** The simulated call of `request` from (or to) the translated instance. */
export function callOf(request: ExplainRequest, t: InstanceTranslation): SimulatedCall {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new ExplainInputError(
      `${JSON.stringify(request.url)} is not a URL; expected http://HOST[:PORT]/PATH`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ExplainInputError(
      `${request.url}: scheme ${url.protocol} is not supported; expected http or https`,
    );
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  // A sidecar's app dials the service's VIP (what DNS answers for the name): the address a TCP listener matches.
  const fqdn = resolveShortName(hostname, t.instance.namespace);
  const vip = t.registry.service(fqdn, t.instance.namespace)?.addresses[0];
  const headers = parseHeaders(request.headers ?? []);
  return {
    port,
    host: headers.host ?? url.host,
    path: `${url.pathname}${url.search}`,
    method: (request.method ?? 'GET').toUpperCase(),
    headers,
    random: request.random ?? 0,
    proxyType: t.instance.proxyType,
    ...(request.gateway !== true && vip !== undefined ? { address: vip } : {}),
    ...(url.protocol === 'https:' ? { tls: { serverName: hostname } } : {}),
  };
}

/** Translates the proxy `request` names over `resources` and simulates the request. Throws on bad input. */
export function explainRequest(resources: readonly LoadedResource[], request: ExplainRequest): Explanation {
  const t = translateInstance(resources, request.proxy, request.gateway === true ? 'gateway' : 'proxy');
  const call = callOf(request, t);
  return { instance: t.instance, call, result: simulate(t.translation, call) };
}

export interface ExplainCommandOptions extends ExplainRequest {
  /** Manifest files or directories (`-f`); none: the running dev mesh's live config from `controlPlane`. */
  readonly files: readonly string[];
  /** HOST:PORT of the dev mesh's control API, read when `files` is empty (default 127.0.0.1:15014). */
  readonly controlPlane?: string;
  /** Print the Explanation as JSON instead of text. */
  readonly json?: boolean;
}

/** Runs `mesh explain`; never throws for bad input. */
export async function explainCommand(
  options: ExplainCommandOptions,
): Promise<CommandOutcome & { explanation?: Explanation }> {
  const fail = (message: string, stderr: string[] = []) => ({
    exitCode: 1,
    stdout: '',
    stderr: [...stderr, `mesh explain: ${message}`],
  });
  let resources: readonly LoadedResource[];
  let stderr: string[] = [];
  if (options.files.length === 0) {
    const address = options.controlPlane ?? DEFAULT_CONTROL_PLANE;
    try {
      resources = await liveResources(address);
    } catch (err) {
      if (err instanceof ControlPlaneUnreachableError)
        return fail(`${err.message}, or explain offline with -f FILE|DIR`);
      throw err;
    }
  } else {
    const loaded = await loadInputs(options.files);
    stderr = diagnosticLines(loaded.diagnostics);
    if (!loaded.ok) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      return fail(`${n} error(s) loading ${options.files.join(', ')}; nothing was simulated`, stderr);
    }
    resources = loaded.resources;
  }
  let explanation: Explanation;
  try {
    explanation = explainRequest(resources, options);
  } catch (err) {
    if (
      err instanceof InstanceSelectError ||
      err instanceof ExplainInputError ||
      err instanceof RegistryError
    )
      return fail(err.message, stderr);
    throw err;
  }
  const stdout =
    options.json === true ? toJson(explanation) : describeExplanation(explanation, formatSimulation);
  return { exitCode: 0, stdout, stderr, explanation };
}
