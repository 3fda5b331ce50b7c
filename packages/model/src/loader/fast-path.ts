// The fast path of the loader. The `yaml` package keeps exact positions but parses ~3 MB/s; js-yaml parses
// ~40 MB/s. Valid input, which is nearly all input, is read with js-yaml, one document at a time, and positions
// are computed only when asked for, by parsing that one document with `yaml`. A document with anything unusual
// (anchors, tags, complex keys, a js-yaml error, a validation issue) is read with `yaml` instead, so every
// diagnostic comes from one parser with one set of messages, and only that document pays the cost.
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { FieldPath } from '../errors/diagnostic.js';
import { YAML_12_CORE } from './core-schema.js';
import { type Located, type Locator, type Position, SourceLocator } from './source-locator.js';

/** One YAML document of a file: its text and where it starts. */
export interface Chunk {
  readonly text: string;
  /** Lines of the file before `text` (0 for the first chunk). */
  readonly lineOffset: number;
  /** Position of the document's first content token, in the file. */
  readonly start: Position;
}

/**
 * True when a whole file must be read with `yaml`: directives (`%YAML`) and explicit document ends (`...`) change
 * how documents split, which the fast path's `---` split does not model.
 */
export function needsWholeFileYaml(text: string): boolean {
  return /^%|^\.\.\.(\s|$)/m.test(text);
}

/**
 * True when a document (or a whole file: every check is line-local, so a file that passes passes for each of its
 * documents) uses only what js-yaml (with YAML_12_CORE) reads exactly as `yaml` does. Excluded, so
 * read with `yaml`: anchors, aliases and tags; complex (`?`) and null (`~:`) keys, which the two turn into
 * different strings; and quoted scalars that span lines, where js-yaml is laxer about indentation. A false
 * positive only costs speed, never a different result.
 */
export function chunkEligible(text: string): boolean {
  if (/(^|[\s[{,:-])[&*!][^\s]/m.test(text)) return false;
  if (/^[ \t]*(- +)*\?(\s|$)/m.test(text)) return false;
  if (/(^|[\s{,])(~|null|Null|NULL)[ \t]*:(\s|$)|^[ \t]*(- +)*:(\s|$)/m.test(text)) return false;
  // Only lines holding a quote need a look; find them without splitting the text into lines.
  const quote = /["']/g;
  for (let m = quote.exec(text); m !== null; m = quote.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    let end = text.indexOf('\n', m.index);
    if (end < 0) end = text.length;
    if (unbalancedQuotes(text.slice(start, end))) return false;
    quote.lastIndex = end;
  }
  return true;
}

/** True when a line opens a quoted scalar it does not close (or holds a stray quote, such as an apostrophe). */
function unbalancedQuotes(line: string): boolean {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = '';
    } else if (quote === "'") {
      if (c === "'" && line[i + 1] === "'") i++;
      else if (c === "'") quote = '';
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ')) {
      return false;
    } else if (c === '"' || c === "'") {
      quote = c;
    }
  }
  return quote !== '';
}

/**
 * Splits at `---` lines. YAML forbids a line starting `---` (then a space or line end) inside any content, so
 * these are exactly the document boundaries. A chunk with only comments or blanks has no start and is dropped.
 */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const marker = /^---(?=[ \t\r]|$)/gm;
  let from = 0;
  let fromLine = 0;
  const push = (end: number) => {
    const body = text.slice(from, end);
    const start = firstContent(body);
    if (start)
      chunks.push({
        text: body,
        lineOffset: fromLine,
        start: { line: start.line + fromLine, column: start.column },
      });
  };
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    push(m.index);
    fromLine += countLines(text, from, m.index);
    from = m.index;
  }
  push(text.length);
  return chunks;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** First line (1-based, within `body`) holding content: not blank, not a comment, not a bare `---`. */
function firstContent(body: string): Position | undefined {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    let line = raw;
    let column = 1;
    if (i === 0 && line.startsWith('---')) {
      line = line.slice(3);
      column = 4;
    }
    const indent = line.length - line.trimStart().length;
    const rest = line.trimStart();
    if (rest === '' || rest.startsWith('#') || rest === '\r') continue;
    return { line: i + 1, column: column + indent };
  }
  return undefined;
}

/** Parses one chunk with js-yaml's YAML 1.2 core schema (as `yaml` does: no timestamps, no merge keys). */
export function parseChunk(chunk: Chunk): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: jsyaml.load(chunk.text, { schema: YAML_12_CORE, json: false }) };
  } catch {
    return { ok: false };
  }
}

/** A locator that parses its chunk with `yaml` the first time a position inside it is asked for. */
export class LazyLocator implements Locator {
  readonly #chunk: Chunk;
  #inner: SourceLocator | undefined;

  constructor(chunk: Chunk) {
    this.#chunk = chunk;
  }

  get start(): Position {
    return this.#chunk.start;
  }

  locate(path: FieldPath, opts: { atKey?: boolean } = {}): Located {
    if (this.#inner === undefined) {
      const lines = new LineCounter();
      const doc = parseDocument(this.#chunk.text, { lineCounter: lines, prettyErrors: false });
      this.#inner = new SourceLocator(doc.contents, lines, this.#chunk.lineOffset);
    }
    return this.#inner.locate(path, opts);
  }
}
