// The text `mesh explain` prints: the request and the proxy it goes through, then the simulator's explanation
// (formatSimulation: outcome, path, Istio config with file:line, cluster and endpoints, faults, retries,
// timeouts, why earlier routes missed), then each weighted destination with its probability.
import type { SimulatedCall, SimulationResult } from '@minimesh/translator';

interface ExplanationLike {
  readonly instance: {
    readonly podName: string;
    readonly namespace: string;
    readonly address: string;
    readonly proxyType: string;
  };
  readonly call: SimulatedCall;
  readonly result: SimulationResult;
}

/** `12.5%` with at most one decimal. */
export function percent(part: number, total: number): string {
  if (total <= 0) return '0%';
  const p = Math.round((part / total) * 1000) / 10;
  return `${p}%`;
}

export function describeExplanation(
  e: ExplanationLike,
  formatSimulation: (r: SimulationResult) => string,
): string {
  const lines: string[] = [];
  const c = e.call;
  const headers = Object.entries(c.headers ?? {})
    .map(([k, v]) => ` -H '${k}: ${v}'`)
    .join('');
  const kind = e.instance.proxyType === 'router' ? 'gateway' : 'sidecar';
  lines.push(
    `${c.method ?? 'GET'} ${c.tls === undefined ? 'http' : 'https'}://${c.host}${c.path ?? '/'} (port ${c.port})${headers}`,
  );
  lines.push(
    `through the ${kind} of ${e.instance.podName}.${e.instance.namespace} (${e.instance.address})${c.address === undefined ? '' : `, to ${c.address}:${c.port}`}`,
  );
  lines.push('');
  lines.push(formatSimulation(e.result));
  const w = e.result.weighted;
  if (w !== undefined) {
    lines.push(
      `  weighted destinations (this request drew ${w.selectedValue} of ${w.totalWeight}; --random picks another):`,
    );
    w.clusters.forEach((cl, i) => {
      lines.push(
        `    ${percent(cl.weight, w.totalWeight).padStart(6)}  ${cl.name}${i === w.index ? '  <- this request' : ''}`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}
