import { describe, expect, it } from 'vitest';
import { limitConcurrency } from '../../../functions/runtime/limit-concurrency';

/** A task per item that stays open until released, recording what ran at once. */
function harness() {
  const running = new Set<string>();
  const log: string[][] = [];
  const gates = new Map<string, () => void>();
  const run = (item: { id: string; fail?: boolean }): Promise<string> =>
    new Promise((resolve, reject) => {
      running.add(item.id);
      log.push([...running].sort());
      gates.set(item.id, () => {
        running.delete(item.id);
        if (item.fail) reject(new Error(`${item.id} failed`));
        else resolve(item.id);
      });
    });
  const release = async (id: string): Promise<void> => {
    gates.get(id)?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { run, running, log, release };
}
const tick = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('limitConcurrency', () => {
  it('runs at most `limit` calls at once and starts the next as one ends, in call order', async () => {
    const h = harness();
    const limited = limitConcurrency(2, h.run);
    const results = ['a', 'b', 'c', 'd'].map((id) => limited({ id }));
    await tick();
    expect([...h.running].sort()).toEqual(['a', 'b']);
    await h.release('b');
    expect([...h.running].sort()).toEqual(['a', 'c']);
    await h.release('a');
    await h.release('c');
    await h.release('d');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(Math.max(...h.log.map((set) => set.length))).toBe(2);
  });

  it('runs calls with one key one after another, without holding a slot while they wait', async () => {
    const h = harness();
    const limited = limitConcurrency(2, h.run, (item) => item.id.slice(0, 1));
    const results = ['x1', 'x2', 'y1'].map((id) => limited({ id }));
    await tick();
    // x2 waits for x1 (same key) and leaves its slot to y1.
    expect([...h.running].sort()).toEqual(['x1', 'y1']);
    await h.release('x1');
    expect([...h.running].sort()).toEqual(['x2', 'y1']);
    await h.release('x2');
    await h.release('y1');
    expect(await Promise.all(results)).toEqual(['x1', 'x2', 'y1']);
  });

  it('settles every call with its own outcome: a failure neither stops the others nor its key', async () => {
    const h = harness();
    const limited = limitConcurrency(3, h.run, () => 'one-site');
    const first = limited({ id: 'a', fail: true });
    const second = limited({ id: 'b' });
    await tick();
    await h.release('a');
    await h.release('b');
    await expect(first).rejects.toThrow('a failed');
    expect(await second).toBe('b');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => limitConcurrency(0, async () => 1)).toThrow(RangeError);
  });
});
