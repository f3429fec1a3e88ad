// The packages one npm package needs at run time, copied with npm's folder layout so Node resolves
// them exactly as it does in the project. Used by build-lambdas.mjs (jsdom in the extract-article
// package) and by the bundle smoke test (an AWS-SDK-only node_modules, like the Lambda runtime's).
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The folder of package `name` as Node would resolve it from `fromDir`, or null. */
export function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) return null;
  }
}

/** Every package folder `name` needs at run time: itself, its dependencies and installed optional ones. */
export function packageClosure(name, fromDir, found = new Set()) {
  const dir = packageDir(name, fromDir);
  if (!dir) throw new Error(`cannot find ${name} from ${fromDir}`);
  if (found.has(dir)) return found;
  found.add(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    if (packageDir(dep, dir)) packageClosure(dep, dir, found);
    else if (!manifest.optionalDependencies?.[dep]) throw new Error(`${name} needs ${dep}, which is not installed`);
  }
  return found;
}

// Only what Node never loads: declarations, source maps, Markdown (names match case-sensitively: jsdom has History.js).
const skipFile = (path) => /\.(d\.[cm]?ts|map|md|markdown)$/.test(path);

/**
 * Copies the closure of each package in `names` (resolved from `root`) under `targetDir`, keeping
 * the path of each folder relative to `root` (node_modules/x, node_modules/a/node_modules/y).
 * Type declarations, source maps and change logs are left out. Returns how many folders were copied.
 */
export function copyPackageClosure(names, root, targetDir) {
  const dirs = new Set();
  for (const name of names) packageClosure(name, root, dirs);
  for (const dir of dirs) {
    const nested = `${dir}/node_modules`;
    cpSync(dir, join(targetDir, relative(root, dir)), { recursive: true, filter: (src) => !skipFile(src) && !src.startsWith(nested) });
  }
  return dirs.size;
}
