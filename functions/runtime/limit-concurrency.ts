/**
 * Wraps an async function so that at most `limit` calls run at once, and calls with the same key
 * (when `keyOf` gives one) run one after another in call order; the others wait their turn.
 * Nothing is dropped: every call settles with its own result or error. A call waiting for its
 * key holds no slot, so one busy key never keeps the other keys waiting.
 */
export function limitConcurrency<T, R>(limit: number, run: (item: T) => Promise<R>, keyOf: (item: T) => string | null = () => null): (item: T) => Promise<R> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const tails = new Map<string, Promise<void>>();

  const withSlot = async (item: T): Promise<R> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await run(item);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };

  return (item: T): Promise<R> => {
    const key = keyOf(item);
    // Every call starts on a later microtask, keyed or not, so calls start in the order they were made.
    if (key === null) return Promise.resolve().then(() => withSlot(item));
    const result = (tails.get(key) ?? Promise.resolve()).then(() => withSlot(item));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
