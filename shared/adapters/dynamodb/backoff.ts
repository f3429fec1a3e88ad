/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delay before retry round `round` (1, 2, ...): exponential from 50 ms, capped at 2 s, with "equal
 * jitter" so that writers retrying together spread out instead of colliding again.
 */
export function backoffMs(round: number): number {
  const ceiling = Math.min(2_000, 50 * 2 ** round);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
