// The workspace's packages as their package.json files say: scripts, exports, bins, privacy.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
  /** The names of its dependencies and devDependencies. */
  dependencies: Set<string>;
}

interface PackageJson {
  name: string;
  private?: boolean;
  workspaces?: string[];
  scripts?: Record<string, string>;
  exports?: Record<string, unknown> | string;
  bin?: Record<string, string> | string;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
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
    dependencies: new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.devDependencies ?? {}),
    ]),
  };
}

/**
 * The root package, every workspace package by name, and every example (`examples/<name>/`, a
 * standalone npm project whose README's commands run in its own folder) by folder.
 */
export function loadWorkspace(root: string): {
  root: WorkspacePackage;
  packages: Map<string, WorkspacePackage>;
  examples: Map<string, WorkspacePackage>;
} {
  const rootPkg = load(root, '');
  const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson)
    .workspaces;
  const packages = new Map<string, WorkspacePackage>();
  for (const dir of workspaces ?? []) {
    const pkg = load(root, dir);
    packages.set(pkg.name, pkg);
  }
  const examples = new Map<string, WorkspacePackage>();
  for (const entry of readdirSync(join(root, 'examples'), { withFileTypes: true })) {
    const dir = `examples/${entry.name}`;
    if (entry.isDirectory() && existsSync(join(root, dir, 'package.json')))
      examples.set(dir, load(root, dir));
  }
  return { root: rootPkg, packages, examples };
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
