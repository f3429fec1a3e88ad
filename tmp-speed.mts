import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';
import { parseFeed } from '/work/wt-feeds/shared/feed/parse-feed.ts';
const f = process.argv[2];
const b = readFileSync(f);
const median = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
const ours: number[] = [], theirs: number[] = [];
for (let k = 0; k < 15; k++) {
  let t = performance.now(); await parseFeed(b, { url: 'https://x.invalid/' }); ours.push(performance.now() - t);
  t = performance.now(); await new Parser().parseString(b.toString('utf8')); theirs.push(performance.now() - t);
}
console.log('feedloom median', median(ours).toFixed(1), 'rss-parser median', median(theirs).toFixed(1));
