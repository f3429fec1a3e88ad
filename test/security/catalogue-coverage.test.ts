import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES: Record<string, string> = {
  A: 'a-ssrf-and-urls.test.ts',
  R: 'b-hostile-responses.test.ts',
  F: 'b-hostile-feeds.test.ts',
  W: 'b-html.test.ts',
  P: 'c-pipeline-faults.test.ts',
  S: 'c-storage-faults.test.ts',
  I: 'c-infrastructure.test.ts',
};

/** The catalogue numbers each security test file names in its test titles (`it('#12 ...')`, `it('#17 #42 ...')`). */
function numbersIn(file: string): Set<number> {
  const source = readFileSync(join(import.meta.dirname, file), 'utf8');
  const numbers = new Set<number>();
  for (const match of source.matchAll(/\bit\(\s*[`'"]((?:#\d+\s+)+)/g)) for (const n of (match[1] ?? '').matchAll(/#(\d+)/g)) numbers.add(Number(n[1]));
  return numbers;
}

describe('the catalogue is covered', () => {
  const doc = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| (\d+) \| .* \| (.*) \|$/gm)].map((m) => [Number(m[1]), m[2] ?? '']));

  it('docs/security.md lists all 50 cases, and every security test file is in the legend', () => {
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.test.ts') && f !== 'catalogue-coverage.test.ts');
    expect(files.sort()).toEqual(Object.values(FILES).sort());
  });

  it('each case has a test naming its number in every file its row points to', () => {
    const named = Object.fromEntries(Object.entries(FILES).map(([letter, file]) => [letter, numbersIn(file)]));
    for (const [n, provedBy] of rows) {
      const letters = [...provedBy.matchAll(/(?:^|; )([A-Z]): /g)].map((m) => m[1] as string);
      expect(letters.length, `#${n}`).toBeGreaterThan(0);
      for (const letter of letters) expect(named[letter]?.has(n), `#${n} in ${FILES[letter]}`).toBe(true);
    }
  });
});
