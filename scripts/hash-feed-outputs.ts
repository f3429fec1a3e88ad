// Proves that a change to the feed parser's machinery leaves its results unchanged: parses every file
// of the feed corpus (all 2,244, not only the ones the speed bench times) with parseFeed and hashes
// each result: the ParsedFeed as JSON, issues included, or for a rejection its class, code and
// message. Write the hashes before a change, then compare after it:
//
//   npx tsx scripts/hash-feed-outputs.ts --write /tmp/feed-hashes.json     # before
//   npx tsx scripts/hash-feed-outputs.ts --compare /tmp/feed-hashes.json   # after: exit 1 on any difference
//
// Each file is parsed with a fixed `now`, so that no result depends on the clock.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exitOnMissingData, requireCorpus } from '../bench/support/bench-data';
import { parseFeed } from '../shared/feed/parse-feed';

const { values } = parseArgs({ options: { write: { type: 'string' }, compare: { type: 'string' } } });
if (!values.write === !values.compare) {
  process.stderr.write('usage: hash-feed-outputs.ts --write FILE | --compare FILE\n');
  process.exit(2);
}
const corpus = exitOnMissingData(() => requireCorpus('feeds'));
const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')) as { files: { path: string }[] };
const NOW = new Date('2026-01-01T00:00:00Z');

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const hashes: Record<string, string> = {};
for (const file of index.files) {
  const bytes = readFileSync(join(corpus, file.path));
  let outcome: string;
  try {
    outcome = JSON.stringify(await parseFeed(bytes, { url: `https://corpus.invalid/${file.path}`, now: NOW }));
  } catch (error) {
    const e = error as Error & { code?: string };
    outcome = `rejected ${e.constructor.name} ${e.code} ${e.message}`;
  }
  hashes[file.path] = sha(outcome);
}
const all = sha(
  Object.entries(hashes)
    .map(([path, hash]) => `${path} ${hash}`)
    .join('\n'),
);
process.stdout.write(`${Object.keys(hashes).length} files, combined hash ${all}\n`);

if (values.write) {
  writeFileSync(values.write, `${JSON.stringify({ files: Object.keys(hashes).length, all, hashes }, null, 1)}\n`);
} else if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare, 'utf8')) as { hashes: Record<string, string> };
  const differing = Object.keys({ ...before.hashes, ...hashes }).filter((path) => before.hashes[path] !== hashes[path]);
  for (const path of differing.slice(0, 20)) process.stdout.write(`differs: ${path}\n`);
  process.stdout.write(differing.length ? `${differing.length} files differ\n` : 'identical on every file\n');
  process.exit(differing.length ? 1 : 0);
}
