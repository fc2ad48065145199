import { useEffect, useRef, type DependencyList } from 'react';

/**
 * Asks once per change of `deps` and hands the answer to `take`, unless the component moved on first
 * (unmounted, or asked again): a late answer never overwrites a newer one or touches a closed view.
 * `ask` returns null to ask nothing this time. Lint checks `deps` against `ask` as it does useEffect's.
 */
export function useAnswerEffect<T>(
  ask: () => Promise<T> | null,
  deps: DependencyList,
  take: (answer: T) => void,
): void {
  const latestTake = useRef(take);
  useEffect(() => {
    latestTake.current = take;
  });
  useEffect(() => {
    const asking = ask();
    if (!asking) return undefined;
    let live = true;
    void asking.then((answer) => {
      if (live) latestTake.current(answer);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps; eslint.config.js checks them at each call
  }, deps);
}
