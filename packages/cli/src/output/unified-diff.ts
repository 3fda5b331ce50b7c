// A unified diff of two texts by lines, as Go's difflib.GetUnifiedDiffString prints it (istioctl's proxy-status
// PROXY): `--- from` / `+++ to` headers, `@@ -a,b +c,d @@` hunks with `context` lines around each change, lines
// kept with their newline. Empty when the texts are equal. The line matching is a longest common subsequence
// (O(n*m) time and memory in lines: fine for config dumps of a few thousand lines).

type Op = { tag: 'equal' | 'delete' | 'insert'; a1: number; a2: number; b1: number; b2: number };

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Equal / delete / insert runs covering both sequences, in order. */
function opcodes(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common head and tail first: config dumps that differ differ in a few places.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        a[head + i] === b[head + j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
  const ops: Op[] = [];
  const push = (tag: Op['tag'], a1: number, b1: number) => {
    const last = ops[ops.length - 1];
    const da = tag === 'insert' ? 0 : 1;
    const db = tag === 'delete' ? 0 : 1;
    if (last !== undefined && last.tag === tag) {
      last.a2 += da;
      last.b2 += db;
    } else ops.push({ tag, a1, a2: a1 + da, b1, b2: b1 + db });
  };
  for (let k = 0; k < head; k++) push('equal', k, k);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      push('equal', head + i, head + j);
      i++;
      j++;
    } else if (j < m && (i >= n || (lcs[i * (m + 1) + j + 1] ?? 0) >= (lcs[(i + 1) * (m + 1) + j] ?? 0))) {
      push('insert', head + i, head + j);
      j++;
    } else {
      push('delete', head + i, head + j);
      i++;
    }
  }
  for (let k = 0; k < tail; k++) push('equal', head + n + k, head + m + k);
  return ops;
}

const range = (start: number, stop: number): string => {
  const length = stop - start;
  if (length === 1) return `${start + 1}`;
  if (length === 0) return `${start},0`;
  return `${start + 1},${length}`;
};

export function unifiedDiff(fromFile: string, from: string, toFile: string, to: string, context = 7): string {
  const a = splitLines(from);
  const b = splitLines(to);
  const ops = opcodes(a, b);
  if (ops.every((o) => o.tag === 'equal')) return '';
  // Group the changes with up to `context` equal lines around each, merging groups closer than 2 * context.
  const groups: Op[][] = [];
  let group: Op[] = [];
  ops.forEach((op, idx) => {
    if (op.tag !== 'equal') {
      group.push(op);
      return;
    }
    const first = idx === 0;
    const last = idx === ops.length - 1;
    let { a1, a2, b1, b2 } = op;
    if (first) {
      a1 = Math.max(a1, a2 - context);
      b1 = Math.max(b1, b2 - context);
      group.push({ tag: 'equal', a1, a2, b1, b2 });
      return;
    }
    if (!last && a2 - a1 > 2 * context) {
      group.push({ tag: 'equal', a1, a2: a1 + context, b1, b2: b1 + context });
      groups.push(group);
      group = [{ tag: 'equal', a1: a2 - context, a2, b1: b2 - context, b2 }];
      return;
    }
    if (last) {
      a2 = Math.min(a2, a1 + context);
      b2 = Math.min(b2, b1 + context);
    }
    group.push({ tag: 'equal', a1, a2, b1, b2 });
  });
  if (group.some((o) => o.tag !== 'equal')) groups.push(group);
  let out = `--- ${fromFile}\n+++ ${toFile}\n`;
  for (const g of groups) {
    const firstOp = g[0] as Op;
    const lastOp = g[g.length - 1] as Op;
    out += `@@ -${range(firstOp.a1, lastOp.a2)} +${range(firstOp.b1, lastOp.b2)} @@\n`;
    // A run of changes between equal lines is difflib's `replace`: its deletions print before its insertions.
    let deleted = '';
    let inserted = '';
    const flush = () => {
      out += deleted + inserted;
      deleted = '';
      inserted = '';
    };
    for (const op of g) {
      if (op.tag === 'equal') {
        flush();
        for (const l of a.slice(op.a1, op.a2)) out += ` ${l}`;
      }
      if (op.tag === 'delete') for (const l of a.slice(op.a1, op.a2)) deleted += `-${l}`;
      if (op.tag === 'insert') for (const l of b.slice(op.b1, op.b2)) inserted += `+${l}`;
    }
    flush();
  }
  return out;
}
