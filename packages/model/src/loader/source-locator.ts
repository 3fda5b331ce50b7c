// Maps a field path (`spec.http[0].route`) to a 1-based line and column in the YAML source, walking the parsed
// `yaml` nodes. A path into a missing field points at the nearest enclosing node that exists; an unknown key
// points at the key itself, so the user is sent to the exact token to fix.
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { FieldPath } from '../errors/diagnostic.js';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface Located extends Position {
  /** True when the whole path exists in the source; false when the position is of an enclosing node. */
  exact: boolean;
}

/** What the loader needs to place diagnostics and answer `source.locate`. */
export interface Locator {
  readonly start: Position;
  locate(path: FieldPath, opts?: { atKey?: boolean }): Located;
}

/** Locates paths inside one parsed document (or one item of a `kind: List`). */
export class SourceLocator implements Locator {
  readonly #root: Node | null;
  readonly #lines: LineCounter;
  /** Lines before the parsed text in its file (non-zero when a document was parsed on its own). */
  readonly #lineOffset: number;

  constructor(root: Node | null, lines: LineCounter, lineOffset = 0) {
    this.#root = root;
    this.#lines = lines;
    this.#lineOffset = lineOffset;
  }

  /** Start of the document's content. */
  get start(): Position {
    return this.#pos(this.#root?.range?.[0] ?? 0);
  }

  /**
   * Position of `path`. With `atKey`, the final segment's key token rather than its value (used for unknown
   * fields, whose value may be anywhere).
   */
  locate(path: FieldPath, opts: { atKey?: boolean } = {}): Located {
    let node: Node | null = this.#root;
    let offset = node?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (node && isAlias(node)) break;
      if (node && isMap(node)) {
        const pair = (node.items as Pair<unknown, unknown>[]).find(
          (p) => isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (!pair) return { ...this.#pos(offset), exact: false };
        const key = pair.key as Node;
        if (last && opts.atKey) return { ...this.#pos(key.range?.[0] ?? offset), exact: true };
        const value = pair.value as Node | null;
        // A key with no value (`name:`) has a null value node; point at the key then.
        node = value;
        offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
        if (!value) return { ...this.#pos(offset), exact: last };
      } else if (node && isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) return { ...this.#pos(offset), exact: false };
        node = item;
        offset = item.range?.[0] ?? offset;
      } else {
        return { ...this.#pos(offset), exact: false };
      }
    }
    return { ...this.#pos(offset), exact: true };
  }

  /** A locator rooted at a sub-node (the items of a `kind: List`). */
  child(path: FieldPath): SourceLocator {
    let node: Node | null = this.#root;
    for (const seg of path) {
      if (node && isMap(node)) {
        const pair = (node.items as Pair<unknown, unknown>[]).find(
          (p) => isScalar(p.key) && String(p.key.value) === String(seg),
        );
        node = (pair?.value as Node | null) ?? null;
      } else if (node && isSeq(node) && typeof seg === 'number') {
        node = (node.items[seg] as Node | undefined) ?? null;
      } else node = null;
    }
    return new SourceLocator(node, this.#lines, this.#lineOffset);
  }

  #pos(offset: number): Position {
    const p = this.#lines.linePos(offset);
    return { line: p.line + this.#lineOffset, column: p.col };
  }
}
