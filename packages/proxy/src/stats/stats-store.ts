// Counters and gauges under Envoy's stat names ("cluster.reviews.upstream_rq_total"), each with the Prometheus
// name and labels Envoy's default tag extraction gives it ("envoy_cluster_upstream_rq_total" with
// envoy_cluster_name="reviews"). /stats prints "name: value" sorted by name; /stats/prometheus groups by metric
// name, sorted, with one # TYPE line each. Values are plain numbers (counts; gauges may go down).

export type Labels = Readonly<Record<string, string>>;

export interface Stat {
  /** Envoy's dotted name. */
  readonly name: string;
  /** Prometheus metric name, with the envoy_ prefix. */
  readonly promName: string;
  readonly labels: Labels;
  readonly kind: 'counter' | 'gauge';
  value: number;
}

export class StatsStore {
  readonly #stats = new Map<string, Stat>();
  /** Hot-path memo: stats by scope ("cluster:<name>", "http:<prefix>") and key, so requests build no names. */
  readonly #scopes = new Map<string, Map<string | number, Stat>>();

  /** The memo of one scope; a stat is never removed, so a memoised Stat stays the live one. */
  scope(scope: string): Map<string | number, Stat> {
    let m = this.#scopes.get(scope);
    if (m === undefined) {
      m = new Map();
      this.#scopes.set(scope, m);
    }
    return m;
  }

  /** The counter `name`, created at 0 on first use. */
  counter(name: string, promName: string, labels: Labels = {}): Stat {
    return this.#get(name, promName, labels, 'counter');
  }

  gauge(name: string, promName: string, labels: Labels = {}): Stat {
    return this.#get(name, promName, labels, 'gauge');
  }

  /** Adds `by` (default 1) to the counter `name`. */
  inc(name: string, promName: string, labels: Labels = {}, by = 1): void {
    this.#get(name, promName, labels, 'counter').value += by;
  }

  /** The value of `name`, 0 when it was never touched. */
  value(name: string): number {
    return this.#stats.get(name)?.value ?? 0;
  }

  /** Every stat, sorted by Envoy name. */
  all(): Stat[] {
    return [...this.#stats.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Envoy's /stats text: "name: value" per line, sorted; `filter` is a regex on the name. */
  text(filter?: RegExp): string {
    let out = '';
    for (const s of this.all())
      if (filter === undefined || filter.test(s.name)) out += `${s.name}: ${s.value}\n`;
    return out;
  }

  /** Prometheus text exposition (version 0.0.4). */
  prometheus(): string {
    const byName = new Map<string, Stat[]>();
    for (const s of this.all()) {
      const list = byName.get(s.promName);
      if (list === undefined) byName.set(s.promName, [s]);
      else list.push(s);
    }
    let out = '';
    for (const name of [...byName.keys()].sort()) {
      const list = byName.get(name) ?? [];
      out += `# TYPE ${name} ${list[0]?.kind ?? 'counter'}\n`;
      for (const s of list) out += `${name}${formatLabels(s.labels)} ${s.value}\n`;
    }
    return out;
  }

  #get(name: string, promName: string, labels: Labels, kind: Stat['kind']): Stat {
    let s = this.#stats.get(name);
    if (s === undefined) {
      s = { name, promName, labels, kind, value: 0 };
      this.#stats.set(name, s);
    }
    return s;
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`).join(',')}}`;
}

/** cluster.<name>.<suffix> as envoy_cluster_<suffix>{envoy_cluster_name}. */
export function clusterStat(
  stats: StatsStore,
  cluster: string,
  suffix: string,
  memo: Map<string | number, Stat> = clusterScope(stats, cluster),
): Stat {
  let s = memo.get(suffix);
  if (s === undefined) {
    s = stats.counter(`cluster.${cluster}.${suffix}`, `envoy_cluster_${suffix}`, {
      envoy_cluster_name: cluster,
    });
    memo.set(suffix, s);
  }
  return s;
}

/** The cluster scope's memo of one cluster, for callers that count on it more than once per request. */
export function clusterScope(stats: StatsStore, cluster: string): Map<string | number, Stat> {
  return stats.scope(`cluster:${cluster}`);
}

/**
 * cluster.<name>.upstream_rq_<code> and upstream_rq_<N>xx, as Envoy counts every upstream response. `memo` is
 * clusterScope(stats, cluster) when the caller has it. Memo keys: the code, and -1 - N for upstream_rq_<N>xx
 * (negative, so never a code).
 */
export function countUpstreamCode(
  stats: StatsStore,
  cluster: string,
  code: number,
  memo: Map<string | number, Stat> = clusterScope(stats, cluster),
): void {
  let byCode = memo.get(code);
  if (byCode === undefined) {
    byCode = stats.counter(`cluster.${cluster}.upstream_rq_${code}`, 'envoy_cluster_upstream_rq', {
      envoy_cluster_name: cluster,
      envoy_response_code: String(code),
    });
    memo.set(code, byCode);
  }
  byCode.value++;
  const cls = Math.floor(code / 100);
  let byClass = memo.get(-1 - cls);
  if (byClass === undefined) {
    byClass = stats.counter(`cluster.${cluster}.upstream_rq_${cls}xx`, 'envoy_cluster_upstream_rq_xx', {
      envoy_cluster_name: cluster,
      envoy_response_code_class: String(cls),
    });
    memo.set(-1 - cls, byClass);
  }
  byClass.value++;
}

/** http.<prefix>.<suffix> as envoy_http_<suffix>{envoy_http_conn_manager_prefix}. */
export function httpStat(stats: StatsStore, prefix: string, suffix: string): Stat {
  const memo = stats.scope(`http:${prefix}`);
  let s = memo.get(suffix);
  if (s === undefined) {
    s = stats.counter(`http.${prefix}.${suffix}`, `envoy_http_${suffix}`, {
      envoy_http_conn_manager_prefix: prefix,
    });
    memo.set(suffix, s);
  }
  return s;
}

/** http.<prefix>.downstream_rq_<N>xx; `memo` is stats.scope(`http:${prefix}`) when the caller keeps it. */
export function countDownstreamCode(
  stats: StatsStore,
  prefix: string,
  code: number,
  memo: Map<string | number, Stat> = stats.scope(`http:${prefix}`),
): void {
  const cls = Math.floor(code / 100);
  let s = memo.get(-1 - cls);
  if (s === undefined) {
    s = stats.counter(`http.${prefix}.downstream_rq_${cls}xx`, 'envoy_http_downstream_rq_xx', {
      envoy_http_conn_manager_prefix: prefix,
      envoy_response_code_class: String(cls),
    });
    memo.set(-1 - cls, s);
  }
  s.value++;
}
