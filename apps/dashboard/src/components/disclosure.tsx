// A heading-less show/hide section whose content is rendered only while open (unlike <details>, whose closed
// content is still built), so long timelines keep their closed diffs free.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface DisclosureProps {
  readonly summary: ComponentChildren;
  readonly initiallyOpen?: boolean;
  readonly children: () => ComponentChildren;
  readonly testId?: string;
}

export function Disclosure({ summary, initiallyOpen = false, children, testId }: DisclosureProps) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <div class="disclosure" data-testid={testId}>
      <button type="button" class="disclosure-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {summary}
      </button>
      {open ? <div class="disclosure-body">{children()}</div> : null}
    </div>
  );
}
