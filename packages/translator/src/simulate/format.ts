// formatSimulation(): a short explanation of a SimulationResult for `mesh explain`: the outcome first, then the
// path taken (listener, chain, route config, virtual host, route), the Istio config behind the route, where the
// call goes, what the route adds (fault, timeout, retries, mirrors, rewrites), and why earlier routes missed.
import type { SimulationResult } from './types.js';

const OUTCOME_TEXT: Readonly<Record<SimulationResult['outcome'], string>> = {
  routed: 'routed',
  redirect: 'redirected',
  direct_response: 'answered by the proxy',
  no_listener: 'no listener',
  no_route: 'no route',
  no_cluster: 'no cluster',
  no_healthy_upstream: 'no healthy upstream',
  fault_abort: 'aborted by fault injection',
  passthrough: 'passed through to the original destination',
  blackhole: 'blocked',
};

/** Lines from the trace that explain a miss: route, virtual host and filter chain rejections. */
function whyNot(trace: readonly string[]): string[] {
  return trace.filter(
    (t) => /^(route \d+|virtual host [^:]+:|filter chain [^:]+:)/.test(t) && !/matches$/.test(t),
  );
}

export function formatSimulation(result: SimulationResult): string {
  const lines: string[] = [];
  const flag = result.responseFlag === undefined ? '' : ` [${result.responseFlag}]`;
  const status = result.status === undefined ? '' : ` ${result.status}`;
  lines.push(`${OUTCOME_TEXT[result.outcome]}${status}${flag}`);
  const path = [
    result.listener && `listener ${result.listener}`,
    result.filterChain && `chain ${result.filterChain}`,
    result.routeConfig && `route config ${result.routeConfig}`,
    result.virtualHost && `virtual host ${result.virtualHost}`,
    result.route &&
      `route ${result.route.index}${result.route.name === undefined ? '' : ` (${result.route.name})`}`,
  ].filter((x): x is string => typeof x === 'string' && x !== '');
  if (path.length > 0) lines.push(`  via ${path.join(' > ')}`);
  // Without a listener the trace's listener lines are the whole story.
  if (result.outcome === 'no_listener')
    for (const t of result.trace) if (t.startsWith('listener:')) lines.push(`  ${t}`);
  const c = result.config;
  if (c !== undefined) {
    const at = c.file === undefined ? '' : ` (${c.file}:${c.line ?? '?'})`;
    lines.push(`  from ${c.kind} ${c.namespace}/${c.name} http[${c.httpIndex ?? '?'}]${at}`);
  }
  if (result.cluster !== undefined) {
    const w = result.weighted;
    const share =
      w === undefined
        ? ''
        : ` (weight ${w.clusters[w.index]?.weight ?? 0}/${w.totalWeight}, at ${w.selectedValue})`;
    const eps =
      result.outcome === 'no_cluster'
        ? ' -> cluster not found'
        : result.endpoints === undefined
          ? ''
          : ` -> ${result.endpoints.join(', ') || 'no healthy endpoints'}`;
    lines.push(`  to ${result.cluster}${share}${eps}`);
  }
  if (result.redirect !== undefined) lines.push(`  Location: ${result.redirect.location}`);
  if (result.directResponse?.body !== undefined) lines.push(`  body: ${result.directResponse.body}`);
  const f = result.fault;
  if (f?.delay !== undefined)
    lines.push(
      `  fault delay ${f.delay.fixedDelay} (${f.delay.percent}%): ${f.delay.applies ? 'applied' : 'not applied'}`,
    );
  if (f?.abort !== undefined)
    lines.push(
      `  fault abort ${f.abort.httpStatus ?? `grpc ${f.abort.grpcStatus}`} (${f.abort.percent}%): ${f.abort.applies ? 'applied' : 'not applied'}`,
    );
  if (result.rewrite !== undefined) {
    const parts = [
      result.rewrite.path && `path ${result.rewrite.path}`,
      result.rewrite.authority && `authority ${result.rewrite.authority}`,
    ];
    lines.push(`  rewrite ${parts.filter(Boolean).join(', ')}`);
  }
  if (result.timeout !== undefined || result.retries !== undefined) {
    const t =
      result.timeout === undefined ? '' : `timeout ${result.timeout === '0s' ? 'none' : result.timeout}`;
    const r =
      result.retries === undefined
        ? 'no retries'
        : `${result.retries.numRetries} retries (${result.retries.retryOn})`;
    lines.push(`  ${[t, r].filter((x) => x !== '').join(', ')}`);
  }
  for (const m of result.mirrors ?? [])
    lines.push(`  mirror to ${m.cluster} (${m.percent}%)${m.exists ? '' : ' [cluster missing]'}`);
  if (result.error !== undefined) lines.push(`  error: ${result.error}`);
  const misses = whyNot(result.trace);
  if (misses.length > 0) {
    lines.push('  not matched:');
    for (const m of misses) lines.push(`    ${m}`);
  }
  return lines.join('\n');
}
