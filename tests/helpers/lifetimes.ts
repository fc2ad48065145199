import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** Anything a test opens and must close again: an emulator, a rig, a vault. */
interface Closable {
  close(): unknown;
}

/**
 * A stand-in for the value `current()` answers, usable where the value is declared (at the top of
 * a file or a `describe`) though it only exists while the tests run: reads, writes and method calls
 * reach the live value, and one used outside a test says so instead of failing on `undefined`.
 */
function liveView<T extends object>(what: string, current: () => T | undefined): T {
  const live = (): T => {
    const value = current();
    if (value === undefined) throw new Error(`${what} is only there while a test runs (use it inside it/beforeEach)`);
    return value;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const target = live();
      const found: unknown = Reflect.get(target, key, target);
      return typeof found === 'function' ? (found as (...args: unknown[]) => unknown).bind(target) : found;
    },
    set: (_, key, value) => Reflect.set(live(), key, value),
    has: (_, key) => Reflect.has(live(), key),
  });
}

/**
 * One emulator (or other server) for every test of the enclosing file or `describe`: started
 * before the first, closed after the last. `const gitlab = useEmulator(startGitlabEmulator);`
 */
export function useEmulator<T extends Closable & object>(start: () => Promise<T>): T {
  let emulator: T | undefined;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return liveView('this emulator', () => emulator);
}

/**
 * A fresh one for each test of the enclosing file or `describe` (a rig, a vault), closed after
 * the test: `const rig = freshEachTest(lifecycleRig);`
 */
export function freshEachTest<T extends Closable & object>(make: () => T): T {
  let made: T | undefined;
  beforeEach(() => {
    made = make();
  });
  afterEach(async () => {
    await made?.close();
    made = undefined;
  });
  return liveView('this per-test value', () => made);
}
