// Checks made before any YAML parsing, so hostile input is refused cheaply and never reaches the parser:
// size, binary content, and nesting depth (the parser and every later walk recurse per level).

/** Defaults: a manifest is kilobytes; these leave room for generated bundles without letting input exhaust us. */
export const DEFAULT_LIMITS = {
  /** Largest file accepted, in bytes. */
  maxBytes: 16 * 1024 * 1024,
  /** Largest single YAML document accepted, in bytes (etcd keeps Kubernetes objects under 1.5 MB). */
  maxDocumentBytes: 3 * 1024 * 1024,
  /** Deepest nesting accepted (block levels plus flow brackets). Kubernetes objects rarely pass 20. */
  maxDepth: 100,
  /** Most alias expansions per document (the `yaml` package's guard against "billion laughs"). */
  maxAliasCount: 100,
} as const;

export interface Limits {
  maxBytes: number;
  maxDocumentBytes: number;
  maxDepth: number;
  maxAliasCount: number;
}

/** Decodes bytes as UTF-8; undefined when they are not text (a NUL byte or an invalid UTF-8 sequence). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when the text holds control characters that never appear in YAML or JSON text (binary data). */
export function looksBinary(text: string): boolean {
  // YAML allows tab, LF, CR and printable characters; C0 controls other than those, and DEL, mean binary.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(
    text.length > 65536 ? text.slice(0, 65536) : text,
  );
}

export interface DepthFinding {
  /** 1-based line where the limit was passed. */
  line: number;
  column: number;
  depth: number;
}

/**
 * Estimates nesting depth line by line: block levels from the indentation stack (plus `- ` sequence markers),
 * flow levels from `[`/`{` outside quotes and comments. Returns where `maxDepth` is first passed, if it is.
 * An estimate by design: it may count a little high inside block scalars, never low for real nesting.
 */
export function findExcessiveDepth(text: string, maxDepth: number): DepthFinding | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - start;
    if (text.startsWith('---', start) || text.startsWith('...', start)) {
      indents.length = 0;
      flow = 0;
    } else if (i < end && text[i] !== '#' && text[i] !== '\r') {
      if (flow === 0) {
        while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
        indents.push(indent);
      }
      let seqMarks = 0;
      let quote = '';
      for (let j = i; j < end; j++) {
        const c = text[j];
        if (quote !== '') {
          if (c === '\\' && quote === '"') j++;
          else if (c === quote) quote = '';
          continue;
        }
        if (c === '"' || c === "'") {
          const prev = j === start ? ' ' : text[j - 1];
          if (prev === ' ' || prev === '[' || prev === '{' || prev === ',' || prev === ':' || j === i)
            quote = c;
        } else if (c === '#' && (j === start || text[j - 1] === ' ')) break;
        else if (c === '[' || c === '{') flow++;
        else if ((c === ']' || c === '}') && flow > 0) flow--;
        else if (c === '-' && flow === 0 && text[j + 1] === ' ' && (j === i || text[j - 2] === '-'))
          seqMarks++;
        const depth = indents.length + seqMarks + flow;
        if (depth > maxDepth) return { line, column: j - start + 1, depth };
      }
      const depth = indents.length + seqMarks + flow;
      if (depth > maxDepth) return { line, column: indent + 1, depth };
    }
    start = end + 1;
  }
  return undefined;
}

/** Finds a reference cycle (from an alias inside its own anchor) in a parsed value; returns its path, if any. */
export function findCycle(value: unknown): (string | number)[] | undefined {
  const ancestors = new Set<object>();
  const path: (string | number)[] = [];
  const visit = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') return false;
    if (ancestors.has(v)) return true;
    ancestors.add(v);
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    for (const [k, child] of entries) {
      path.push(k);
      if (visit(child)) return true;
      path.pop();
    }
    ancestors.delete(v);
    return false;
  };
  return visit(value) ? path : undefined;
}
