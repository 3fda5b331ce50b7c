// What-if (`#/whatif`): pick a mesh file (or name a new one), load its text, edit it, replay the recorded requests
// against the edited config without applying it (Run, or Ctrl/Cmd+Enter), and apply it (write it into the watched
// folder) after an explicit confirmation; the timeline then shows the change landing.
import type { WhatIfResult } from '@minimesh/cli/dashboard-protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../components/use-load.js';
import type { ViewProps } from '../state.js';
import { indent, outdent } from './editor-keys.js';
import { WhatIfResultView } from './whatif-result.js';
import './views.css';
import './timeline-views.css';

/** The select's value for "a new file" (never a mesh file: those end in .yaml / .yml). */
const NEW_FILE = ':new';

/** At the mesh folder's top: `mesh dev` loads and watches it (it leaves `networking/` out). */
const DEFAULT_NEW_FILE = 'what-if.yaml';

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: string }
  | { readonly kind: 'error'; readonly message: string };

/** A new file's name must stay inside the mesh folder and be YAML. */
export function newFileProblem(name: string): string | undefined {
  if (name.trim() === '') return 'name the new file';
  if (name.startsWith('/') || name.split('/').includes('..'))
    return 'the name must be relative to the mesh folder';
  if (!/\.ya?ml$/.test(name)) return 'the name must end in .yaml or .yml';
  return undefined;
}

export function WhatIfView({ state, send, navigate }: ViewProps) {
  // A new file by default: trying a rule out should not start by replacing a loaded file's resources.
  const [choice, setChoice] = useState(NEW_FILE);
  const [newName, setNewName] = useState(DEFAULT_NEW_FILE);
  const [content, setContent] = useState('');
  const [loadedFrom, setLoadedFrom] = useState<{ file: string; exists: boolean } | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [result, setResult] = useState<WhatIfResult | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [written, setWritten] = useState<string | undefined>(undefined);
  const tabMovesFocus = useRef(false);
  // Bumped on every edit: a file's text arriving after the user started typing must not overwrite the typing.
  const edits = useRef(0);
  const file = choice === NEW_FILE ? newName.trim() : choice;
  const problem = choice === NEW_FILE ? newFileProblem(newName) : undefined;

  // Loads the chosen existing file's text whenever the choice changes.
  useEffect(() => {
    if (choice === NEW_FILE) {
      setLoadedFrom(undefined);
      return;
    }
    let current = true;
    const editsAtStart = edits.current;
    setPhase({ kind: 'busy', what: `Loading ${choice}…` });
    send({ op: 'fileText', file: choice }).then(
      (r) => {
        if (!current) return;
        if (edits.current === editsAtStart) setContent(r.content);
        setLoadedFrom({ file: r.file, exists: r.exists });
        setResult(undefined);
        setWritten(undefined);
        setPhase({ kind: 'idle' });
      },
      (err: unknown) => current && setPhase({ kind: 'error', message: errorMessage(err) }),
    );
    return () => {
      current = false;
    };
  }, [choice, send]);

  const busy = phase.kind === 'busy';
  const canSend = !busy && file !== '' && problem === undefined;

  const run = () => {
    if (!canSend) return;
    setPhase({ kind: 'busy', what: 'Replaying the recorded requests…' });
    setConfirming(false);
    send({ op: 'whatIf', file, content }).then(
      (r) => {
        setResult(r);
        setPhase({ kind: 'idle' });
      },
      (err: unknown) => setPhase({ kind: 'error', message: errorMessage(err) }),
    );
  };

  const apply = () => {
    if (!canSend) return;
    setPhase({ kind: 'busy', what: `Writing ${file}…` });
    setConfirming(false);
    send({ op: 'apply', file, content }).then(
      (r) => {
        setWritten(r.path);
        setPhase({ kind: 'idle' });
      },
      (err: unknown) => setPhase({ kind: 'error', message: errorMessage(err) }),
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const area = e.currentTarget as HTMLTextAreaElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
      return;
    }
    if (e.key === 'Escape') {
      // Escape hands Tab back to focus navigation until the next edit, so the editor never traps the keyboard.
      tabMovesFocus.current = true;
      return;
    }
    if (e.key !== 'Tab' || tabMovesFocus.current || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const edit = (e.shiftKey ? outdent : indent)(area.value, area.selectionStart, area.selectionEnd);
    area.value = edit.text;
    area.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    edits.current++;
    setContent(edit.text);
  };

  return (
    <div class="whatif-view">
      <div class="toolbar">
        <label>
          File
          <select value={choice} onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}>
            <option value={NEW_FILE}>a new file…</option>
            {state.files.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        {choice === NEW_FILE ? (
          <label>
            New file
            <input
              type="text"
              value={newName}
              spellcheck={false}
              onInput={(e) => setNewName((e.currentTarget as HTMLInputElement).value)}
              aria-invalid={problem !== undefined}
            />
          </label>
        ) : null}
        {problem ? <span class="error-text">{problem}</span> : null}
        {choice === NEW_FILE && state.files.includes(file) ? (
          <span class="hint">{file} exists: its resources are replaced by the editor's</span>
        ) : null}
        {loadedFrom && !loadedFrom.exists ? (
          <span class="hint">{loadedFrom.file} does not exist yet</span>
        ) : null}
      </div>
      <label class="editor-label" for="whatif-editor">
        YAML of <code>{file || '(unnamed)'}</code>{' '}
        <span class="hint">
          Tab indents by two spaces (Esc, then Tab, leaves the editor); Ctrl/Cmd+Enter runs
        </span>
      </label>
      <textarea
        id="whatif-editor"
        class="editor"
        data-testid="whatif-editor"
        value={content}
        spellcheck={false}
        rows={22}
        onInput={(e) => {
          tabMovesFocus.current = false;
          edits.current++;
          setContent((e.currentTarget as HTMLTextAreaElement).value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          tabMovesFocus.current = false;
        }}
      />
      <div class="toolbar">
        <button type="button" data-testid="whatif-run" class="primary" disabled={!canSend} onClick={run}>
          Run what-if
        </button>
        <button
          type="button"
          data-testid="whatif-apply"
          disabled={!canSend}
          onClick={() => setConfirming(true)}
        >
          Apply…
        </button>
        {confirming ? (
          <fieldset class="confirm">
            <legend class="visually-hidden">Confirm apply</legend>
            Write <code>{file}</code> into {state.meshDir || 'the mesh folder'}? The control plane applies it
            at once.{' '}
            <button type="button" class="danger" data-testid="whatif-apply-confirm" onClick={apply}>
              Write file
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </fieldset>
        ) : null}
        <span aria-live="polite">
          {phase.kind === 'busy' ? <span class="hint">{phase.what}</span> : null}
          {phase.kind === 'error' ? <span class="error-text">{phase.message}</span> : null}
          {written ? (
            <span data-testid="whatif-written">
              Wrote <code>{written}</code>.{' '}
              <button type="button" class="link-button" onClick={() => navigate('timeline')}>
                Watch it land on the timeline
              </button>
            </span>
          ) : null}
        </span>
      </div>
      {result ? <WhatIfResultView result={result} /> : null}
    </div>
  );
}
