/** The folder of package `name` as Node would resolve it from `fromDir`, or null. */
export function packageDir(name: string, fromDir: string): string | null;
/** Every package folder `name` needs at run time. */
export function packageClosure(name: string, fromDir: string, found?: Set<string>): Set<string>;
/** Copies the run-time closure of each package under `targetDir` with npm's layout; returns the folder count. */
export function copyPackageClosure(names: readonly string[], root: string, targetDir: string): number;
