// @ts-check
// The Custom Elements Manifest (custom-elements.json) of @vnhealth/components:
// `npm run analyze -w @vnhealth/components`. The analyzer reads the elements' JSDoc (@customElement,
// @summary, @slot, @csspart, @cssprop, @fires) and Lit decorators; the plugin below adds what it
// cannot see and removes what is not the package's API:
// - the `defineElement(tag, Class)` calls of each define.ts become `custom-element-definition`
//   exports (the analyzer only knows `customElements.define`), which also gives every class its
//   tagName;
// - only what `src/index.ts` exports is published (no i18n tables, styles or internal helpers);
// - no private, protected or `#` members, no Lit/DOM plumbing (`formAssociated`), no members for
//   element authors' render code (`t`, `format`);
// - events are the ones a class documents with `@fires` (the analyzer also guesses names from
//   `new XEvent(arg)` calls, e.g. `step`), each linked to its event class.

/** The files the analyzer reads: every module but tests, stories and fixtures. */
const exclude = [
  'src/**/*.test.ts',
  'src/**/*.stories.ts',
  'src/**/*.fixtures.ts',
  'src/shared/testing.ts',
  'src/shared/fixtures.ts',
  'src/shared/fixture-client.ts',
];

/** Members every element has for its own rendering, not for the page that uses it. */
const AUTHORING_MEMBERS = new Set(['t', 'format']);
/** Static members that are Lit or DOM plumbing. */
const PLUMBING_STATICS = new Set(['formAssociated', 'styles', 'properties', 'shadowRootOptions']);
/** Built-in classes the analyzer takes for declarations of the module that extends them. */
const GLOBALS = new Set(['Event', 'CustomEvent', 'Error', 'HTMLElement']);
/** Callbacks the browser calls on form-associated elements, not the page. */
const LIFECYCLE =
  /^(form(Associated|Reset|Disabled|StateRestore)|(dis)?connected|adopted|attributeChanged)Callback$/;

/** `./x.ts` imported by `src/a/b.ts` → `src/a/x.ts`. */
function resolveModule(from, specifier) {
  return new URL(specifier, `file:///${from}`).pathname.slice(1);
}

/**
 * The names `entry` exports, following `export *` and named re-exports through the manifest's
 * own module exports.
 */
function exportedNames(manifest, entry, seen = new Set()) {
  const names = new Set();
  if (seen.has(entry)) return names;
  seen.add(entry);
  const mod = manifest.modules.find((m) => m.path === entry);
  for (const exp of mod?.exports ?? []) {
    if (exp.kind !== 'js') continue;
    if (exp.name === '*' && exp.declaration?.module) {
      for (const name of exportedNames(manifest, exp.declaration.module.replace(/^\//, ''), seen))
        names.add(name);
    } else {
      names.add(exp.name);
    }
  }
  return names;
}

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function vnhealthPlugin() {
  /** Event names each class documents with `@fires`. */
  const documentedEvents = new Map();
  /**
   * Members each class declares. The analyzer also invents some from constructor assignments
   * (`this.#internals.role = 'group'` became a `role` field).
   */
  const declaredMembers = new Map();
  return {
    name: 'vnhealth',
    analyzePhase({ ts, node, moduleDoc }) {
      // defineElement('vnh-x', VnhX) in a define.ts
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'defineElement' &&
        node.arguments.length === 2 &&
        ts.isStringLiteral(node.arguments[0]) &&
        ts.isIdentifier(node.arguments[1])
      ) {
        const tag = node.arguments[0].text;
        const className = node.arguments[1].text;
        let module = moduleDoc.path;
        for (const statement of node.getSourceFile().statements) {
          if (!ts.isImportDeclaration(statement)) continue;
          const bindings = statement.importClause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings)) {
            if (bindings.elements.some((el) => el.name.text === className))
              module = resolveModule(moduleDoc.path, statement.moduleSpecifier.text);
          }
        }
        moduleDoc.exports = [
          ...(moduleDoc.exports ?? []),
          {
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: className, module: `/${module}` },
          },
        ];
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const names = new Set();
        for (const doc of node.jsDoc ?? []) {
          for (const match of doc.getFullText().matchAll(/@fires\s+(?:\{[^}]*\}\s+)?([\w:-]+)/g))
            names.add(match[1]);
        }
        documentedEvents.set(node.name.text, names);
        declaredMembers.set(
          node.name.text,
          new Set(node.members.map((m) => m.name?.getText()).filter(Boolean)),
        );
      }
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      const publicNames = exportedNames(manifest, 'src/index.ts');
      const where = new Map();
      for (const mod of manifest.modules) {
        mod.declarations = (mod.declarations ?? []).filter((d) => publicNames.has(d.name));
        mod.exports = (mod.exports ?? []).filter(
          (e) =>
            mod.path === 'src/index.ts' ||
            e.kind === 'custom-element-definition' ||
            (publicNames.has(e.name) && mod.declarations.some((d) => d.name === e.name)),
        );
        for (const d of mod.declarations) where.set(d.name, mod.path);
      }
      manifest.modules = manifest.modules.filter((m) => m.declarations.length || m.exports.length);

      for (const mod of manifest.modules) {
        for (const declaration of mod.declarations) {
          if (declaration.kind !== 'class') continue;
          if (declaration.superclass && GLOBALS.has(declaration.superclass.name))
            declaration.superclass = { name: declaration.superclass.name, package: 'global:' };
          const declared = declaredMembers.get(declaration.name);
          // `static properties` entries with `state: true` are internal: the analyzer lists them
          // as attributes too (named after the field); only the public members' attributes stay.
          const internal = new Set(
            (declaration.members ?? [])
              .filter((m) => m.privacy && m.privacy !== 'public')
              .map((m) => m.name),
          );
          declaration.attributes = (declaration.attributes ?? []).filter(
            (a) => !(a.fieldName && internal.has(a.fieldName)),
          );
          if (!declaration.attributes.length) delete declaration.attributes;
          declaration.members = (declaration.members ?? []).filter(
            (m) =>
              (!m.privacy || m.privacy === 'public') &&
              !m.name.startsWith('#') &&
              (m.inheritedFrom || declared?.has(m.name)) &&
              !LIFECYCLE.test(m.name) &&
              !(m.static && PLUMBING_STATICS.has(m.name)) &&
              !(declaration.customElement && AUTHORING_MEMBERS.has(m.name)),
          );
          // Members from `static properties` come with an explicit `privacy: 'public'`; decorated
          // fields and plain members come without: one form for all.
          for (const m of declaration.members) if (m.privacy === 'public') delete m.privacy;
          if (!declaration.customElement) {
            // Event fields are set from constructor arguments; the analyzer's guesses at a
            // default (an argument name, or an expression from another class) are wrong.
            for (const m of declaration.members) if (!m.static) delete m.default;
          }
          const documented = documentedEvents.get(declaration.name);
          declaration.events = (declaration.events ?? []).filter((e) => documented?.has(e.name));
          for (const event of declaration.events) {
            const eventClass = event.type?.text;
            if (eventClass && where.has(eventClass))
              event.type.references = [
                {
                  name: eventClass,
                  module: where.get(eventClass),
                  start: 0,
                  end: eventClass.length,
                },
              ];
          }
          for (const list of ['members', 'attributes', 'events']) {
            for (const item of declaration[list] ?? []) {
              // Inherited from a base class that is not published (VaccinationElement).
              if (item.inheritedFrom && !where.has(item.inheritedFrom.name))
                delete item.inheritedFrom;
            }
          }
          if (!declaration.events.length) delete declaration.events;
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude,
  litelement: true,
  // package.json already names the manifest; the analyzer would rewrite it.
  packagejson: false,
  plugins: [vnhealthPlugin()],
};
