// Type-checks code taken from the docs with the workspace's TypeScript, as one program: every
// snippet is an in-memory module beside the repository's files, compiled with the repository's
// own strict options and `@vnhealth/*` resolved to source through the `vnhealth-source`
// condition, so an undefined name, a wrong import or a wrong argument is a diagnostic.
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** One snippet to compile. */
export interface Snippet {
  /** Absolute path the snippet is compiled as (its relative imports resolve from there). */
  path: string;
  code: string;
  /** Maps a 0-based line of `code` to the place in the docs. */
  place(line: number): { file: string; line: number };
}

/** One compiler complaint, named by the doc file and line it points at. */
export interface SnippetDiagnostic {
  file: string;
  line: number;
  message: string;
}

/** Where a block of a doc is compiled when it says nothing else. */
export function snippetPath(root: string, file: string, line: number, lang: string): string {
  const ext = lang === 'tsx' ? 'tsx' : lang === 'js' || lang === 'javascript' ? 'js' : 'ts';
  return join(root, '.doc-blocks', `${file.replaceAll('/', '__')}.L${line}.${ext}`);
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (config.error)
    throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return {
    ...parsed.options,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    // Every snippet is its own module, even one without imports (top-level await, no clashes).
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
}

/** Compile every snippet in one program; returns the diagnostics of the snippets only. */
export function typecheckSnippets(root: string, snippets: readonly Snippet[]): SnippetDiagnostic[] {
  const options = compilerOptions(root);
  const byPath = new Map(snippets.map((s) => [s.path, s]));
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  const dirs = new Set([...byPath.keys()].map((p) => dirname(p)));
  host.fileExists = (p) => byPath.has(p) || fileExists.call(host, p);
  host.directoryExists = (d) =>
    dirs.has(d) || (directoryExists?.call(host, d) ?? ts.sys.directoryExists(d));
  host.readFile = (p) => byPath.get(p)?.code ?? readFile.call(host, p);
  host.getSourceFile = (p, language, onError, create) => {
    const snippet = byPath.get(p);
    if (snippet) return ts.createSourceFile(p, snippet.code, language, true);
    return getSourceFile.call(host, p, language, onError, create);
  };
  const program = ts.createProgram({ rootNames: [...byPath.keys()], options, host });

  const out: SnippetDiagnostic[] = [];
  for (const d of program.getOptionsDiagnostics()) {
    out.push({
      file: 'tsconfig.json',
      line: 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    });
  }
  for (const snippet of snippets) {
    const sf = program.getSourceFile(snippet.path);
    if (!sf) {
      out.push({ ...snippet.place(0), message: `not compiled (${relative(root, snippet.path)})` });
      continue;
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(sf),
      ...program.getSemanticDiagnostics(sf),
    ];
    for (const d of diagnostics) {
      const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line;
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      out.push({ ...snippet.place(line), message: `TS${d.code}: ${text}` });
    }
  }
  return out;
}

/** The module specifiers a snippet imports (static and dynamic imports, re-exports). */
export function importSpecifiers(code: string): { specifier: string; line: number }[] {
  const sf = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node): void => {
    found.push({
      specifier: (node as ts.StringLiteral).text,
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line,
    });
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
