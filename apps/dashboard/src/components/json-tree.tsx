// A collapsible JSON viewer for big documents (a proxy's config_dump). Lazy: a node's children are rendered only
// once it is expanded, and long arrays / objects show PAGE entries at a time, so opening a dump costs O(visible
// nodes), not O(document).
import { useState } from 'preact/hooks';

/** Entries of one array or object rendered per "show more" click. */
const PAGE = 100;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function isContainer(v: unknown): v is readonly unknown[] | Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `[3 items]`, `{5 keys}`, or a short hint from an Envoy resource's `name` / `@type`. */
export function summary(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (!isContainer(value)) return '';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  const type = typeof obj['@type'] === 'string' ? String(obj['@type']).split('.').pop() : undefined;
  const name = typeof obj.name === 'string' ? obj.name : undefined;
  const hint = [type, name].filter((x) => x !== undefined).join(' ');
  return `{${keys.length} key${keys.length === 1 ? '' : 's'}}${hint ? ` ${hint}` : ''}`;
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span class="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span class="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span class="json-bool">{String(value)}</span>;
  return <span class="json-null">null</span>;
}

interface NodeProps {
  readonly name: string;
  readonly value: unknown;
  readonly initiallyOpen?: boolean;
}

function JsonNode({ name, value, initiallyOpen = false }: NodeProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const [shownCount, setShownCount] = useState(PAGE);
  if (!isContainer(value)) {
    return (
      <li class="json-leaf">
        <span class="json-key">{name}</span>: <Scalar value={value} />
      </li>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  return (
    <li class="json-branch">
      <button
        type="button"
        class="json-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        disabled={entries.length === 0}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span class="json-key">{name}</span>{' '}
        <span class="json-summary">{summary(value)}</span>
      </button>
      {open ? (
        <ul class="json-children">
          {entries.slice(0, shownCount).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} />
          ))}
          {entries.length > shownCount ? (
            <li>
              <button type="button" class="link-button" onClick={() => setShownCount(shownCount + PAGE)}>
                show {Math.min(PAGE, entries.length - shownCount)} more of {entries.length - shownCount}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}

export interface JsonTreeProps {
  readonly value: unknown;
  /** The root's label. */
  readonly name?: string;
}

/** The root is open; everything below it opens on demand. */
export function JsonTree({ value, name = 'config_dump' }: JsonTreeProps) {
  return (
    <ul class="json-tree">
      <JsonNode name={name} value={value as Json} initiallyOpen />
    </ul>
  );
}
