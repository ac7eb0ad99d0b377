// A task's page without a bundler: the packed files as the tarball ships them (the CDN folder,
// `dist/cdn/`), served under `/cdn/` and loaded by one `<script type="module">`. The files the
// page can reach are read from the modules themselves (static and dynamic imports), so a
// request for anything else (another build's chunk, a bare `lit`) is an unexpected 404.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import ts from 'typescript';
import type { Bundle } from './bundle.ts';
import type { PageTask } from './measure.ts';
import type { SourceMap } from './sourcemap.ts';

/** Where a served task's files are mounted in the page's origin. */
export const servedMount = '/cdn/';

/** A module's relative imports: static (`import … from`, `export … from`) and `import("…")`. */
export function moduleImports(
  code: string,
  fileName = 'x.js',
): { statics: string[]; dynamics: string[] } {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const statics: string[] = [];
  const dynamics: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      statics.push(node.moduleSpecifier.text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      dynamics.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { statics, dynamics };
}

/** The source map beside a served file, its sources made absolute (for {@link sourceGroup}). */
function mapOf(path: string): SourceMap | undefined {
  if (!existsSync(`${path}.map`)) return undefined;
  const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMap;
  return { ...map, sources: map.sources.map((s) => resolve(dirname(path), s)) };
}

/**
 * The files a served task's page can load: its script and everything it imports, statically or
 * with `import()`, from `task.served.dir` in `consumerDir`, as URL paths under {@link servedMount}.
 * A bare or absolute specifier throws: the browser could not resolve it without an import map.
 */
export function servedFiles(task: PageTask, consumerDir: string): Bundle {
  const served = task.served;
  if (!served) throw new Error(`${task.id} is not a served task`);
  const dir = join(consumerDir, served.dir);
  const imports = new Map<string, { statics: string[]; dynamics: string[] }>();
  const files = new Map<string, Uint8Array>();
  const maps = new Map<string, SourceMap>();
  /** Read a file once: its bytes, its map, its imports (as paths relative to `dir`). */
  const read = (relativePath: string): { statics: string[]; dynamics: string[] } => {
    const known = imports.get(relativePath);
    if (known) return known;
    const url = servedMount + relativePath;
    const path = join(dir, relativePath);
    if (!existsSync(path))
      throw new Error(`${task.id}: ${url} is imported but not in ${served.dir}`);
    const bytes = readFileSync(path);
    files.set(url, bytes);
    const map = mapOf(path);
    if (map) maps.set(url, map);
    const found = moduleImports(bytes.toString('utf8'), path);
    const target = (specifier: string): string => {
      if (!specifier.startsWith('./') && !specifier.startsWith('../'))
        throw new Error(
          `${task.id}: ${url} imports "${specifier}", which a browser cannot resolve without an import map`,
        );
      return posix.normalize(posix.join(posix.dirname(relativePath), specifier));
    };
    const resolved = { statics: found.statics.map(target), dynamics: found.dynamics.map(target) };
    imports.set(relativePath, resolved);
    return resolved;
  };
  /** Every file reachable from `start` through static (and, when asked, dynamic) imports. */
  const walk = (start: string, dynamic: boolean): Set<string> => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const { statics, dynamics } = read(file);
      queue.push(...statics, ...(dynamic ? dynamics : []));
    }
    return seen;
  };
  walk(served.script, true);
  const upFront = new Set([...walk(served.script, false)].map((f) => servedMount + f));
  return { files, maps, upFront, apart: new Set(), css: [], duplicates: [] };
}
