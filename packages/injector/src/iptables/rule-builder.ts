// A builder of iptables rules per IP family, printed in iptables-restore format as Istio's istio-iptables does
// (tools/istio-iptables/pkg/builder): per table (sorted), `-N` for every non-built-in chain in order of first
// use (then chains only jumped to), then the `-A`/`-I` rules in the order they were added, then COMMIT.

export interface Rule {
  chain: string;
  table: string;
  /** `-A chain ...` or `-I chain <pos> ...`. */
  params: string[];
}

/** Chains and targets iptables knows already (never declared with -N). */
const BUILT_IN = new Set([
  'INPUT',
  'OUTPUT',
  'FORWARD',
  'PREROUTING',
  'POSTROUTING',
  'ACCEPT',
  'DROP',
  'RETURN',
  'REDIRECT',
  'MARK',
  'TPROXY',
  'CONNMARK',
  'CT',
  'LOG',
  'REJECT',
  'DNAT',
  'SNAT',
  'MASQUERADE',
]);

/** The placeholder AppendVersionedRule replaces with the family's address. */
export const VERSIONED = '$IP_VERSION_SPECIFIC';

export class RuleBuilder {
  readonly v4: Rule[] = [];
  readonly v6: Rule[] = [];
  constructor(private readonly ipv6: boolean) {}

  appendV4(chain: string, table: string, ...params: string[]): this {
    this.v4.push({ chain, table, params: ['-A', chain, ...params] });
    return this;
  }
  appendV6(chain: string, table: string, ...params: string[]): this {
    if (this.ipv6) this.v6.push({ chain, table, params: ['-A', chain, ...params] });
    return this;
  }
  append(chain: string, table: string, ...params: string[]): this {
    return this.appendV4(chain, table, ...params).appendV6(chain, table, ...params);
  }
  insertV4(chain: string, table: string, position: number, ...params: string[]): this {
    this.v4.push({ chain, table, params: ['-I', chain, String(position), ...params] });
    return this;
  }
  insertV6(chain: string, table: string, position: number, ...params: string[]): this {
    if (this.ipv6) this.v6.push({ chain, table, params: ['-I', chain, String(position), ...params] });
    return this;
  }
  insert(chain: string, table: string, position: number, ...params: string[]): this {
    return this.insertV4(chain, table, position, ...params).insertV6(chain, table, position, ...params);
  }
  /** The same rule for both families, with VERSIONED standing for `ipv4` or `ipv6`. */
  appendVersioned(ipv4: string, ipv6: string, chain: string, table: string, ...params: string[]): this {
    this.appendV4(chain, table, ...params.map((p) => (p === VERSIONED ? ipv4 : p)));
    return this.appendV6(chain, table, ...params.map((p) => (p === VERSIONED ? ipv6 : p)));
  }

  restoreV4(): string {
    return restore(this.v4);
  }
  restoreV6(): string {
    return restore(this.v6);
  }
}

export function restore(rules: readonly Rule[]): string {
  const tables = new Map<string, string[]>([
    ['filter', []],
    ['nat', []],
    ['mangle', []],
  ]);
  const declared = new Set<string>();
  const declare = (chain: string, table: string) => {
    const key = `${chain}:${table}`;
    if (declared.has(key)) return;
    declared.add(key);
    if (!BUILT_IN.has(chain)) {
      if (!tables.has(table)) tables.set(table, []);
      tables.get(table)?.push(`-N ${chain}`);
    }
  };
  for (const r of rules) declare(r.chain, r.table);
  for (const r of rules) {
    if (r.params.length >= 2 && r.params[r.params.length - 2] === '-j')
      declare(r.params[r.params.length - 1] ?? '', r.table);
  }
  for (const r of rules) {
    if (!tables.has(r.table)) tables.set(r.table, []);
    tables.get(r.table)?.push(r.params.join(' '));
  }
  let out = '';
  for (const table of [...tables.keys()].sort()) {
    const lines = tables.get(table) ?? [];
    if (lines.length > 0) out += `* ${table}\n${lines.join('\n')}\nCOMMIT\n`;
  }
  return out;
}
