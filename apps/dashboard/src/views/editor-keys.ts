// Text edits of the what-if editor's keys, as pure functions over (text, selection) so they can be tested without a
// browser. Offsets are UTF-16 code unit indexes, as HTMLTextAreaElement.selectionStart/End are.

/** Two spaces: YAML forbids tabs for indentation. */
export const SOFT_TAB = '  ';

export interface Edit {
  readonly text: string;
  readonly selectionStart: number;
  readonly selectionEnd: number;
}

/**
 * Tab: with no selection or a selection inside one line, replaces it by two spaces; with a selection over several
 * lines, indents each of those lines by two spaces and keeps them selected.
 */
export function indent(text: string, start: number, end: number): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const selected = text.slice(start, end);
  if (!selected.includes('\n')) {
    const next = text.slice(0, start) + SOFT_TAB + text.slice(end);
    const cursor = start + SOFT_TAB.length;
    return { text: next, selectionStart: cursor, selectionEnd: cursor };
  }
  const block = text.slice(lineStart, end);
  const indented = block
    .split('\n')
    .map((line) => SOFT_TAB + line)
    .join('\n');
  return {
    text: text.slice(0, lineStart) + indented + text.slice(end),
    selectionStart: start + SOFT_TAB.length,
    selectionEnd: end + (indented.length - block.length),
  };
}

/** Shift+Tab: removes up to two leading spaces from each line the selection touches. */
export function outdent(text: string, start: number, end: number): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const block = text.slice(lineStart, end);
  let removedFirst = 0;
  let removedAll = 0;
  const lines = block.split('\n').map((line, i) => {
    const n = line.startsWith(SOFT_TAB) ? 2 : line.startsWith(' ') ? 1 : 0;
    if (i === 0) removedFirst = n;
    removedAll += n;
    return line.slice(n);
  });
  return {
    text: text.slice(0, lineStart) + lines.join('\n') + text.slice(end),
    selectionStart: Math.max(lineStart, start - removedFirst),
    selectionEnd: Math.max(lineStart, end - removedAll),
  };
}
