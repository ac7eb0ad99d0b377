// The workspace's packages as their package.json files say: scripts, exports, bins, privacy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  name: string;
  /** Repository-relative folder ('' for the root). */
  dir: string;
  private: boolean;
  scripts: Record<string, string>;
  /** The subpaths of `exports` (`.`, `./define.js` …). */
  exports: Set<string>;
  bins: Set<string>;
  /** The `files` globs (what `npm pack` puts in the tarball). */
  files: string[];
}

interface PackageJson {
  name: string;
  private?: boolean;
  workspaces?: string[];
  scripts?: Record<string, string>;
  exports?: Record<string, unknown> | string;
  bin?: Record<string, string> | string;
  files?: string[];
}

function load(root: string, dir: string): WorkspacePackage {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as PackageJson;
  const bins =
    typeof pkg.bin === 'string' ? [pkg.name.split('/').pop()!] : Object.keys(pkg.bin ?? {});
  return {
    name: pkg.name,
    dir,
    private: pkg.private === true,
    scripts: pkg.scripts ?? {},
    exports: new Set(
      typeof pkg.exports === 'string' ? ['.'] : Object.keys(pkg.exports ?? { '.': true }),
    ),
    bins: new Set(bins),
    files: pkg.files ?? [],
  };
}

/** The root package and every workspace package, by name. */
export function loadWorkspace(root: string): {
  root: WorkspacePackage;
  packages: Map<string, WorkspacePackage>;
} {
  const rootPkg = load(root, '');
  const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson)
    .workspaces;
  const packages = new Map<string, WorkspacePackage>();
  for (const dir of workspaces ?? []) {
    const pkg = load(root, dir);
    packages.set(pkg.name, pkg);
  }
  return { root: rootPkg, packages };
}

/**
 * Why an import specifier is not one a user can write, or undefined when it is: a specifier
 * naming a workspace package must be one of its `exports`.
 */
export function exportProblem(
  specifier: string,
  packages: ReadonlyMap<string, WorkspacePackage>,
): string | undefined {
  const match = /^(@[^/]+\/[^/]+|[^@./][^/]*)(\/.*)?$/.exec(specifier);
  if (!match) return undefined;
  const pkg = packages.get(match[1]!);
  if (!pkg) return undefined;
  const subpath = match[2] ? `.${match[2]}` : '.';
  if (pkg.exports.has(subpath)) return undefined;
  return `"${specifier}" is not in ${pkg.name}'s exports (${[...pkg.exports].join(', ')})`;
}
