// The mesh's loaded resources (`#/mesh`): kind, namespace, name and file:line, with the analyzer's messages inline
// under each resource (level icon, colour, code, message: the way Kiali shows validations), a count summary,
// filters by kind and level, and the resource's YAML on click.
import type { AnalysisNote, MeshResource } from '@minimesh/cli/dashboard-protocol';
import { useMemo, useState } from 'preact/hooks';
import { useLoad } from '../components/use-load.js';
import type { ViewProps } from '../state.js';
import { refLocation } from './view-format.js';
import './views.css';
import './config-views.css';

type Level = AnalysisNote['level'];
const LEVELS: readonly Level[] = ['Error', 'Warning', 'Info'];

/** `any`: every resource; `messages`: those with at least one message; or one level. */
type LevelFilter = 'any' | 'messages' | Level;

export function resourceKey(r: MeshResource): string {
  return `${r.kind}/${r.namespace}/${r.name}`;
}

export function countLevels(resources: readonly MeshResource[]): Record<Level, number> {
  const counts: Record<Level, number> = { Error: 0, Warning: 0, Info: 0 };
  for (const r of resources) for (const m of r.messages) counts[m.level]++;
  return counts;
}

function matchesLevel(r: MeshResource, level: LevelFilter): boolean {
  if (level === 'any') return true;
  if (level === 'messages') return r.messages.length > 0;
  return r.messages.some((m) => m.level === level);
}

/** Drawn, not a font glyph: the page bundles no icon font and system fonts differ. 12x12 px. */
function LevelIcon({ level }: { level: Level }) {
  return (
    <svg class="note-icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      {level === 'Warning' ? (
        <path d="M6 0.5 11.5 11H0.5Z" fill="currentColor" />
      ) : (
        <circle cx="6" cy="6" r="5.5" fill="currentColor" />
      )}
      {level === 'Info' ? (
        <path d="M5.25 5h1.5v4.5h-1.5zM5.25 2.5h1.5V4h-1.5z" fill="#fff" />
      ) : (
        <path
          d={level === 'Error' ? 'M3.5 3.5 8.5 8.5M8.5 3.5 3.5 8.5' : 'M6 4v3.5M6 8.5v1'}
          stroke="#fff"
          stroke-width="1.5"
        />
      )}
    </svg>
  );
}

function Note({ note }: { note: AnalysisNote }) {
  return (
    <li class={`note note-${note.level.toLowerCase()}`} data-level={note.level}>
      <LevelIcon level={note.level} />
      <span class="visually-hidden">{note.level}:</span> <code class="note-code">{note.code}</code>{' '}
      <span class="note-message">{note.message}</span>
      {note.field ? <code class="note-field">{note.field}</code> : null}
      {note.line !== undefined ? <span class="hint"> line {note.line}</span> : null}
    </li>
  );
}

function YamlPanel({
  resource,
  send,
  onClose,
}: { resource: MeshResource } & Pick<ViewProps, 'send'> & { onClose(): void }) {
  const key = resourceKey(resource);
  const { kind, namespace, name, file, line } = resource;
  const ref = {
    kind,
    namespace,
    name,
    ...(file === undefined ? {} : { file }),
    ...(line === undefined ? {} : { line }),
  };
  const yaml = useLoad(key, () => send({ op: 'resourceYaml', ref }));
  return (
    <section class="yaml-panel" aria-label={`YAML of ${key}`} data-testid="resource-yaml">
      <header class="panel-header">
        <h3>
          {resource.kind} {resource.namespace}/{resource.name}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {refLocation(resource) ? <code class="hint">{refLocation(resource)}</code> : null}
      {yaml.status === 'ok' ? <pre class="code-block">{yaml.value.yaml}</pre> : null}
      {yaml.status === 'loading' ? <p class="hint">Loading…</p> : null}
      {yaml.status === 'error' ? <p class="error-text">Could not load the YAML: {yaml.message}</p> : null}
    </section>
  );
}

export function MeshView({ state, send }: ViewProps) {
  const [kind, setKind] = useState('');
  const [level, setLevel] = useState<LevelFilter>('any');
  const [openKey, setOpenKey] = useState<string | undefined>(undefined);
  const kinds = useMemo(() => [...new Set(state.resources.map((r) => r.kind))].sort(), [state.resources]);
  const counts = useMemo(() => countLevels(state.resources), [state.resources]);
  const visible = state.resources.filter((r) => (kind === '' || r.kind === kind) && matchesLevel(r, level));
  const open = state.resources.find((r) => resourceKey(r) === openKey);

  return (
    <div class={open ? 'mesh-view with-panel' : 'mesh-view'}>
      <section aria-label="Loaded resources">
        <p class="summary" data-testid="resource-summary">
          {state.resources.length} resources of {kinds.length} kinds;{' '}
          {LEVELS.map((l) => (
            <span key={l} class={`count note-${l.toLowerCase()}`}>
              {counts[l]} {l.toLowerCase()}
              {counts[l] === 1 ? '' : 's'}{' '}
            </span>
          ))}
          (config v{state.version})
        </p>
        <div class="toolbar">
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">all kinds</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            Level
            <select
              value={level}
              onChange={(e) => setLevel((e.currentTarget as HTMLSelectElement).value as LevelFilter)}
            >
              <option value="any">all resources</option>
              <option value="messages">with messages</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div class="table-scroll">
          <table class="data resources" data-testid="resources">
            <thead>
              <tr>
                <th scope="col">kind</th>
                <th scope="col">namespace</th>
                <th scope="col">name</th>
                <th scope="col">file</th>
              </tr>
            </thead>
            {visible.map((r) => {
              const key = resourceKey(r);
              return (
                <tbody key={key} data-resource={key} class={key === openKey ? 'selected' : undefined}>
                  <tr>
                    <td data-col="kind">{r.kind}</td>
                    <td data-col="namespace">{r.namespace}</td>
                    <td data-col="name">
                      <button
                        type="button"
                        class="link-button"
                        aria-pressed={key === openKey}
                        onClick={() => setOpenKey(key === openKey ? undefined : key)}
                      >
                        {r.name}
                      </button>
                    </td>
                    <td data-col="file">
                      <code>{refLocation(r)}</code>
                    </td>
                  </tr>
                  {r.messages.length > 0 ? (
                    <tr class="notes-row">
                      <td colSpan={4}>
                        <ul class="notes">
                          {r.messages.map((m, i) => (
                            <Note key={i} note={m} />
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              );
            })}
          </table>
          {visible.length === 0 ? <p class="empty">No resource matches.</p> : null}
        </div>
      </section>
      {open ? (
        <YamlPanel key={openKey} resource={open} send={send} onClose={() => setOpenKey(undefined)} />
      ) : null}
    </div>
  );
}
