// A coloured unified diff (`---`/`+++` headers, `@@` hunks, `+` added, `-` removed, ` ` context). Long diffs show
// their first LINES_SHOWN lines until asked for the rest, so a big change does not stall the page.
import { useState } from 'preact/hooks';

const LINES_SHOWN = 400;

export type DiffLineKind = 'header' | 'hunk' | 'add' | 'del' | 'context';

export function classifyDiffLine(line: string): DiffLineKind {
  if (
    line.startsWith('+++') ||
    line.startsWith('---') ||
    line.startsWith('diff ') ||
    line.startsWith('index ')
  ) {
    return 'header';
  }
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}

/** Added and removed line counts (headers excluded). */
export function diffStats(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    const kind = classifyDiffLine(line);
    if (kind === 'add') added++;
    else if (kind === 'del') removed++;
  }
  return { added, removed };
}

export function DiffView({ diff, label }: { diff: string; label: string }) {
  const [all, setAll] = useState(false);
  const lines = diff.replace(/\n$/, '').split('\n');
  if (diff.trim() === '') return <p class="hint">No textual change.</p>;
  const shownLines = all ? lines : lines.slice(0, LINES_SHOWN);
  return (
    <section class="diff" aria-label={label}>
      <pre class="code-block diff-lines">
        {shownLines.map((line, i) => (
          <span key={i} class={`diff-${classifyDiffLine(line)}`}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
      {lines.length > shownLines.length ? (
        <button type="button" class="link-button" onClick={() => setAll(true)}>
          show {lines.length - shownLines.length} more lines
        </button>
      ) : null}
    </section>
  );
}
