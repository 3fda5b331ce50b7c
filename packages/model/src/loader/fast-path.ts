// The fast path of the loader. The `yaml` package keeps exact positions but parses ~3 MB/s; js-yaml parses
// ~40 MB/s. Valid input, which is nearly all input, is read with js-yaml, one document at a time, and positions
// are computed only when asked for, by parsing that one document with `yaml`. Anything unusual (anchors, tags,
// directives, a js-yaml error, a validation issue) sends the whole file down the `yaml` path, so every
// diagnostic still comes from one parser, with one set of messages.
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { FieldPath } from '../errors/diagnostic.js';
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
 * True when the text uses only what the fast path handles the same way as the `yaml` path: no anchors or
 * aliases, no tags, no directives, no explicit document end. A false positive only costs speed.
 */
export function fastPathEligible(text: string): boolean {
  return !/(^|[\s[{,:-])[&*!][^\s]|^%|^\.\.\.(\s|$)/m.test(text);
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
    return { ok: true, value: jsyaml.load(chunk.text, { schema: jsyaml.CORE_SCHEMA, json: false }) };
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
