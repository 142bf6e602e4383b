import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BuildInfo {
  version: string;
  node: string;
  commit: string;
}

const ROOT = new URL('../../', import.meta.url);

const readText = (path: string): string | null => {
  try {
    return readFileSync(fileURLToPath(new URL(path, ROOT)), 'utf8');
  } catch {
    return null;
  }
};

/**
 * The commit the code was built from: BUILD_COMMIT when the build sets it (an image has no .git), else what a clone's
 * .git says HEAD is, read from its files (no git binary needed), else "unknown".
 */
export function gitCommit(given?: string): string {
  if (given) return given;
  const head = readText('.git/HEAD')?.trim();
  if (!head) return 'unknown';
  const ref = /^ref: (\S+)$/.exec(head)?.[1];
  if (!ref) return /^[0-9a-f]{40}$/.test(head) ? head : 'unknown';
  const loose = readText(`.git/${ref}`)?.trim();
  if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
  const packed = readText('.git/packed-refs')
    ?.split('\n')
    .find((line) => line.endsWith(` ${ref}`));
  return packed?.split(' ')[0] ?? 'unknown';
}

/** What points_ledger_build_info labels: the package version, the Node.js running it and the git commit. */
export function buildInfo(commit?: string): BuildInfo {
  const pkg = JSON.parse(readText('package.json') ?? '{}') as { version?: unknown };
  return { version: typeof pkg.version === 'string' ? pkg.version : 'unknown', node: process.version, commit: gitCommit(commit) };
}
