// `npm run bench:data`: downloads the benchmark corpora that have a public origin (the Zyte
// article-extraction benchmark and the feed test suites) from their original repositories, at pinned
// commits, into bench/.data/ (git-ignored), checking every file against its sha256. See
// scripts/bench-data/bench-data-sources.ts for what comes from where and under which licence.
//
// Options: --only NAME,...  --dest DIR (default bench/.data)  --from URL (an archive mirror serving
//          <URL>/<owner>/<name>/tar.gz/<commit>; default GitHub's codeload)
//          --write-checksums DIR (maintainers: rewrite the sha256 lists from the corpora in DIR)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DOWNLOADABLE_CORPORA, readChecksumList } from './bench-data/bench-data-sources';
import { BenchDataDownloadError, fetchCorpus } from './bench-data/fetch-corpus';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    dest: { type: 'string', default: join(root, 'bench', '.data') },
    from: { type: 'string' },
    'write-checksums': { type: 'string' },
  },
});
const names = values.only?.split(',').map((name) => name.trim());
const unknown = names?.filter((name) => !DOWNLOADABLE_CORPORA.some((corpus) => corpus.name === name)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`bench:data: no downloadable corpus ${unknown.join(', ')} (there are: ${DOWNLOADABLE_CORPORA.map((c) => c.name).join(', ')})\n`);
  process.exit(2);
}
const corpora = DOWNLOADABLE_CORPORA.filter((corpus) => !names || names.includes(corpus.name));

if (values['write-checksums'] !== undefined) {
  const from = resolve(values['write-checksums']);
  for (const corpus of corpora) {
    const dir = join(from, corpus.name);
    const lines = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
      .filter((path) => corpus.files.test(path))
      .sort()
      .map(
        (path) =>
          `${createHash('sha256')
            .update(readFileSync(join(dir, path)))
            .digest('hex')}  ${path}`,
      );
    writeFileSync(fileURLToPath(new URL(`./bench-data/${corpus.name}.sha256`, import.meta.url)), `${lines.join('\n')}\n`);
    process.stdout.write(`${corpus.name}: ${lines.length} checksums from ${dir}\n`);
  }
  process.exit(0);
}

for (const corpus of corpora) {
  try {
    const { dir, files, bytes } = await fetchCorpus(corpus, {
      dest: resolve(values.dest),
      checksums: readChecksumList(corpus.name),
      ...(values.from === undefined ? {} : { archiveBase: values.from }),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(
      `${corpus.name}: ${files} files (${(bytes / 1024 / 1024).toFixed(1)} MB) checked and written to ${relative(process.cwd(), dir) || dir}\n`,
    );
    if (corpus.notIncluded) process.stdout.write(`${corpus.name}: not included: ${corpus.notIncluded}\n`);
  } catch (error) {
    if (!(error instanceof BenchDataDownloadError)) throw error;
    process.stderr.write(`bench:data: ${corpus.name}: ${error.message} [${error.code}]\n`);
    process.exit(1);
  }
}
process.stdout.write('wceb, dates and the scorers (tools) have no public download: they come with the shared corpora (FEEDLOOM_BENCH_DATA).\n');
