// A coloured unified diff (`---`/`+++` headers, `@@` hunks, `+` added, `-` removed, ` ` context). Long diffs show
// their first LINES_SHOWN lines until asked for the rest, so a big change does not stall the page.
import { useState } from 'preact/hooks';
import { classifyDiffLine } from './diff-lines.js';

const LINES_SHOWN = 400;

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
