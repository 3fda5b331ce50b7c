// A hook for one request/response exchange over the page's websocket: runs `load` whenever `key` changes and keeps
// the answer of the newest run only (an older answer arriving late is dropped). While a reload runs, the previous
// value stays visible so a refresh on every config version does not flash the view empty.
import { useEffect, useRef, useState } from 'preact/hooks';

export type Loadable<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous?: T }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly message: string };

/** The value to show: the loaded one, or the previous one while reloading. */
export function shown<T>(state: Loadable<T>): T | undefined {
  if (state.status === 'ok') return state.value;
  if (state.status === 'loading') return state.previous;
  return undefined;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs `load` (unless it is undefined, which resets to idle) when `key` changes. `key` must capture everything
 * `load` depends on. The previous value is kept while reloading only when `scope` (e.g. the proxy) is unchanged.
 */
export function useLoad<T>(key: string, load: (() => Promise<T>) | undefined, scope = ''): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'idle' });
  const lastScope = useRef(scope);
  useEffect(() => {
    if (!load) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    const sameScope = lastScope.current === scope;
    lastScope.current = scope;
    setState((prev) => {
      const previous = sameScope ? shown(prev) : undefined;
      return previous === undefined ? { status: 'loading' } : { status: 'loading', previous };
    });
    load().then(
      (value) => {
        if (current) setState({ status: 'ok', value });
      },
      (err: unknown) => {
        if (current) setState({ status: 'error', message: errorMessage(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [key, load === undefined]);
  return state;
}
