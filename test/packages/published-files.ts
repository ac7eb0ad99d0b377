// What the public packages publish, read the way `npm publish` reads it, for the package tests.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';
import { publicPackages, root, type PublicPackage } from '../../scripts/pack.ts';

export { publicPackages, root, type PublicPackage };

/** The fields of a package.json these tests read. */
export interface Manifest {
  name: string;
  version: string;
  sideEffects?: boolean | string[];
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  engines?: Record<string, string>;
  bin?: Record<string, string>;
  description?: string;
  license?: string;
  keywords?: string[];
  publishConfig?: Record<string, string>;
  type?: string;
  [field: string]: unknown;
}

export function packageDir(name: PublicPackage): string {
  return join(root, publicPackages[name]);
}

export function manifestOf(name: PublicPackage): Manifest {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as Manifest;
}

/** The files `npm pack` puts in the tarball (paths relative to the package). Needs a build. */
export function publishedFiles(name: PublicPackage): string[] {
  const dir = packageDir(name);
  if (!existsSync(join(dir, 'dist')))
    throw new Error(`${name} has no dist/: run \`npm run build\` first.`);
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out) as { files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack --dry-run printed nothing for ${name}`);
  return info.files.map((f) => f.path).sort();
}

/** A `sideEffects` glob (`./dist/**\/define.js`) as a matcher of package-relative paths. */
export function sideEffectsMatcher(
  patterns: boolean | string[] | undefined,
): (path: string) => boolean {
  if (patterns === false) return () => false;
  if (patterns === undefined || patterns === true) return () => true;
  const regexps = patterns.map((pattern) => {
    const body = pattern
      .replace(/^\.\//, '')
      .split(/(\*\*\/|\*)/)
      .map((piece) =>
        piece === '**/'
          ? '(?:.*/)?'
          : piece === '*'
            ? '[^/]*'
            : piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    // A pattern without a slash matches the file name anywhere, as webpack reads it.
    return new RegExp(pattern.includes('/') ? `^${body}$` : `(?:^|/)${body}$`);
  });
  return (path) => regexps.some((r) => r.test(path));
}

/** What a module does at import: its own top-level effects and its bare imports. */
export interface ModuleEffects {
  /**
   * Top-level statements other than imports, exports, declarations and esbuild's
   * `__decorateClass(…)` (the lowered decorators of a class declared in the same file, dropped
   * with it). Variable initialisers are taken as pure: a bundler may drop them too, so none may
   * register anything.
   */
  effects: string[];
  /** Specifiers of bare imports (`import './define.js'`), there only for what they run. */
  bareImports: string[];
}

export function moduleEffects(path: string, text: string): ModuleEffects {
  const kind = path.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const result: ModuleEffects = { effects: [], bareImports: [] };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (!statement.importClause && ts.isStringLiteral(statement.moduleSpecifier))
        result.bareImports.push(statement.moduleSpecifier.text);
      continue;
    }
    if (
      ts.isExportDeclaration(statement) ||
      ts.isExportAssignment(statement) ||
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isModuleDeclaration(statement) ||
      ts.isVariableStatement(statement) ||
      ts.isEmptyStatement(statement)
    )
      continue;
    if (
      ts.isExpressionStatement(statement) &&
      ts.isCallExpression(statement.expression) &&
      ts.isIdentifier(statement.expression.expression) &&
      statement.expression.expression.text === '__decorateClass'
    )
      continue;
    result.effects.push(statement.getText(file).split('\n')[0]!.slice(0, 100));
  }
  return result;
}

/**
 * The published modules of a package that do something when imported, with why: their own
 * top-level effects, or a bare import of a module that does (another package's, or one of its
 * own that does). A bare import of an effect-free chunk (esbuild's, for evaluation order) is none.
 */
export function modulesWithEffects(name: PublicPackage): Map<string, string[]> {
  const dir = packageDir(name);
  const modules = publishedFiles(name).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'));
  const own = new Map(
    modules.map((f) => [f, moduleEffects(f, readFileSync(join(dir, f), 'utf8'))] as const),
  );
  const memo = new Map<string, string[]>();
  const effectsOf = (file: string, seen: Set<string>): string[] => {
    const known = memo.get(file);
    if (known) return known;
    const module = own.get(file);
    if (!module || seen.has(file)) return [];
    seen.add(file);
    const found = [...module.effects];
    for (const specifier of module.bareImports) {
      if (!specifier.startsWith('.')) {
        found.push(`import '${specifier}'`);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      if (!own.has(target)) found.push(`import '${specifier}' (not published)`);
      else if (effectsOf(target, seen).length) found.push(`import '${specifier}'`);
    }
    memo.set(file, found);
    return found;
  };
  const result = new Map<string, string[]>();
  for (const file of modules) {
    const found = effectsOf(file, new Set());
    if (found.length) result.set(file, found);
  }
  return result;
}
