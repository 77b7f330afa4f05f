// Loading data in a view: the result, the error or "loading", refetched when the request's key changes.

import { useEffect, useState } from 'react';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: Error }
  | { readonly state: 'ready'; readonly data: T };

/**
 * Runs `load` whenever `key` changes (a string naming the request), aborting the previous run, and returns its
 * outcome. `load` must depend only on what `key` names.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<{ key: string; loaded: Loaded<T> }>({
    key,
    loaded: { state: 'loading' },
  });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ key, loaded: { state: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setResult({
            key,
            loaded: { state: 'error', error: error instanceof Error ? error : new Error(String(error)) },
          });
      },
    );
    return () => {
      controller.abort();
    };
    // `key` names everything `load` depends on, so it alone decides when to load again.
  }, [key]);
  return result.key === key ? result.loaded : { state: 'loading' };
}
