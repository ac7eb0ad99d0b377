/**
 * Compiles a FHIRPath expression (an invariant of the R4 definitions) into the TypeScript source of
 * a plain expression over collections (`unknown[]`), calling the helpers of
 * `packages/core/src/fhir/invariants/fhirpath.ts` (imported as `f`). Run at generation time only
 * (scripts/generate-fhir-invariants.ts): `@medplum/core` gives the syntax tree, the output imports
 * nothing of it, and nothing is evaluated from a string at run time (strict CSP).
 *
 * In the generated source, `t` is the focus of the invariant (one element), `r` the resource that
 * holds it (`%resource`) and `rr` the root resource (`%rootResource`); lambdas of `where`, `all`
 * and `select` bind `$this` to `x<depth>`.
 */
import {
  AndAtom,
  ArithmeticOperatorAtom,
  AsAtom,
  ConcatAtom,
  ContainsAtom,
  DotAtom,
  EmptySetAtom,
  EqualsAtom,
  EquivalentAtom,
  FhirPathAtom,
  FunctionAtom,
  ImpliesAtom,
  InAtom,
  IndexerAtom,
  IsAtom,
  LiteralAtom,
  NotEqualsAtom,
  NotEquivalentAtom,
  OrAtom,
  SymbolAtom,
  UnaryOperatorAtom,
  UnionAtom,
  XorAtom,
  parseFhirPath,
  type Atom,
} from '@medplum/core';
import {
  ARITH,
  COMPARE,
  FUNCTIONS_0,
  independent,
  peephole,
  PRIMITIVE_JS,
  upper,
  usesVariable,
  VARIABLES,
} from './fhirpath-compile-tables.ts';

/** Thrown for a construct the compiler does not translate; the invariant is listed as skipped. */
export class Unsupported extends Error {}

/** What the compiler knows about the types: choice element names and resource type names. */
export interface CompileContext {
  /** Names of choice elements (`value`, `effective`, …) of the type the expression runs on. */
  choices: ReadonlySet<string>;
  /** Every resource type name (for `is(Composition)`, `Appointment.status`). */
  resourceTypes: ReadonlySet<string>;
}

/** The name of a type argument (`Quantity` in `as(Quantity)`), or Unsupported. */
function typeName(atom: Atom | undefined): string {
  if (atom instanceof SymbolAtom) return atom.name;
  throw new Unsupported('a type argument that is not a name');
}

/** How `compileInvariant` writes its output. */
export interface CompileOptions {
  /**
   * Compile the logic (`and`, `or`, `implies`, `xor`, `not()`, `exists()`, `empty()`, `all()`,
   * `where(…).exists()`) to plain JavaScript over single values (`true`, `false`, `undefined`
   * for empty), with short circuits and early exits, instead of collections and closures: the
   * same results, fewer allocations. What the generator writes.
   */
  booleans?: boolean;
  /**
   * The literal collections (`["#"]`, `[0]`, `%ucum`) as module constants: filled with their
   * source and the constant's name (`L1`), which the output uses instead of a new array per call.
   */
  literals?: Map<string, string>;
}

/** Boolean operators and functions that `bool` writes natively in the boolean mode. */
const BOOL_FUNCTIONS = new Set(['not', 'exists', 'empty', 'all', 'hasValue']);

class Compiler {
  depth = 0;
  /** The boolean mode (`CompileOptions.booleans`). */
  booleans = false;
  /** `CompileOptions.literals`. */
  literals: Map<string, string> | undefined;
  /** The temporaries of the function being written (the invariant's, or a lambda's). */
  private temps: string[] = [];
  private tempCount = 0;
  /** The operands of each union compiled so far, by its source (to flatten and deduplicate). */
  private readonly unions = new Map<string, string[]>();
  private readonly ctx: CompileContext;
  constructor(ctx: CompileContext) {
    this.ctx = ctx;
  }

  /** Loop-invariant sub-expressions lifted out of lambdas: `[name, source]`. */
  readonly hoisted: [string, string][] = [];

  /** Source of the collection `atom` evaluates to, with `focus` the source of its input. */
  expr(atom: Atom, focus: string, thisVar: string): string {
    if (atom instanceof FhirPathAtom) return this.expr(atom.child, focus, thisVar);
    // Inside a lambda, `%resource.type = 'batch'` is the same for every item: compute it once.
    if (
      this.depth > 0 &&
      !this.hoisting &&
      !(atom instanceof SymbolAtom) &&
      independent(atom) &&
      usesVariable(atom)
    ) {
      this.hoisting = true;
      const source = this.exprAt(atom, focus, thisVar);
      this.hoisting = false;
      return this.hoist(source);
    }
    return this.exprAt(atom, focus, thisVar);
  }

  private hoisting = false;

  /** `(h1 ??= …)`: computed on first use (a lambda may never run), then reused. */
  private hoist(source: string): string {
    let known = this.hoisted.find(([, s]) => s === source);
    if (!known) this.hoisted.push((known = [`h${this.hoisted.length + 1}`, source]));
    return `(${known[0]} ??= ${source})`;
  }

  private exprAt(atom: Atom, focus: string, thisVar: string): string {
    if (this.booleans && this.isBool(atom)) return `f.fromB(${this.bool(atom, focus, thisVar)})`;
    if (atom instanceof LiteralAtom) {
      const v = atom.value as { type: string; value: unknown };
      if (!['string', 'integer', 'decimal', 'boolean'].includes(v.type))
        throw new Unsupported(`a ${v.type} literal`);
      return this.literal(`[${JSON.stringify(v.value)}]`);
    }
    if (atom instanceof EmptySetAtom) return '[]';
    if (atom instanceof DotAtom) {
      const right = atom.right;
      if (right instanceof FunctionAtom && ['as', 'ofType', 'is'].includes(right.name))
        return this.typeOp(right.name, atom.left, typeName(right.args[0]), focus, thisVar);
      return this.expr(right, this.expr(atom.left, focus, thisVar), thisVar);
    }
    if (atom instanceof FunctionAtom) return this.fn(atom, focus, thisVar);
    if (atom instanceof IndexerAtom) {
      const index = this.expr(atom.expr, thisVar, thisVar);
      return `f.index(${this.expr(atom.left, focus, thisVar)}, ${index})`;
    }
    if (atom instanceof UnaryOperatorAtom) {
      const op = (atom as unknown as { operator: string }).operator;
      const child = this.expr(atom.child, focus, thisVar);
      if (op === '+') return child;
      if (op === '-') return `f.negate(${child})`;
      throw new Unsupported(`unary ${op}`);
    }
    if (atom instanceof IsAtom || atom instanceof AsAtom)
      return this.typeOp(
        atom instanceof IsAtom ? 'is' : 'as',
        atom.left,
        typeName(atom.right),
        focus,
        thisVar,
      );
    if (atom instanceof SymbolAtom) return this.symbol(atom.name, focus);
    return this.infix(atom, focus, thisVar);
  }

  private infix(atom: Atom, focus: string, thisVar: string): string {
    const { left, right, operator } = atom as unknown as {
      left: Atom;
      right: Atom;
      operator: string;
    };
    const l = () => this.expr(left, focus, thisVar);
    const r = () => this.expr(right, focus, thisVar);
    if (atom instanceof AndAtom) return `f.and(${l()}, () => ${r()})`;
    if (atom instanceof OrAtom) return `f.or(${l()}, () => ${r()})`;
    if (atom instanceof XorAtom) return `f.xor(${l()}, ${r()})`;
    if (atom instanceof ImpliesAtom) return `f.implies(${l()}, () => ${r()})`;
    if (atom instanceof EqualsAtom) return `f.eq(${l()}, ${r()})`;
    if (atom instanceof NotEqualsAtom) return `f.not(f.eq(${l()}, ${r()}))`;
    if (atom instanceof EquivalentAtom) return `f.equiv(${l()}, ${r()})`;
    if (atom instanceof NotEquivalentAtom) return `f.not(f.equiv(${l()}, ${r()}))`;
    if (atom instanceof UnionAtom) {
      // `a | b | b` is `a | b`: union is idempotent (dom-3 lists as(canonical), as(uri) and
      // as(url), the same strings in untyped JSON).
      const operands = [...new Set([...this.operands(l()), ...this.operands(r())])];
      const source = operands.reduce((acc, o) => `f.union(${acc}, ${o})`);
      this.unions.set(source, operands);
      return source;
    }
    if (atom instanceof ConcatAtom) return `f.concat(${l()}, ${r()})`;
    if (atom instanceof InAtom) {
      // Membership in a union needs no deduplicated union: test each operand.
      const right = r();
      const operands = this.unions.get(right);
      return operands
        ? `f.memberOfAny(${l()}, [${operands.join(', ')}])`
        : `f.member(${l()}, ${right})`;
    }
    if (atom instanceof ContainsAtom) return `f.member(${r()}, ${l()})`;
    if (COMPARE[operator]) return `${COMPARE[operator]}(${l()}, ${r()})`;
    if (atom instanceof ArithmeticOperatorAtom && ARITH[operator])
      return `${ARITH[operator]}(${l()}, ${r()})`;
    throw new Unsupported(`the operator ${operator}`);
  }

  /** The operands of a compiled union, or the expression itself. */
  private operands(source: string): string[] {
    return this.unions.get(source) ?? [source];
  }

  private symbol(name: string, focus: string): string {
    if (name === '$this') return focus;
    if (name.startsWith('%')) {
      const v = VARIABLES[name];
      if (!v) throw new Unsupported(`the variable ${name}`);
      return name === '%ucum' ? this.literal(v) : v;
    }
    if (this.ctx.resourceTypes.has(name)) return `f.ofResource(${focus}, ${JSON.stringify(name)})`;
    if (this.ctx.choices.has(name)) return `f.choice(${focus}, ${JSON.stringify(name)})`;
    return `f.child(${focus}, ${JSON.stringify(name)})`;
  }

  /** `x.as(T)`, `x.ofType(T)`, `x.is(T)`, `x is T`, `x as T`. */
  private typeOp(
    op: string,
    left: Atom | undefined,
    type: string,
    focus: string,
    thisVar: string,
  ): string {
    let selected: string;
    let input: string;
    // `value.as(Quantity)`: the choice element's JSON name is `valueQuantity`.
    const last = left instanceof DotAtom ? left.right : left;
    const lastName = last instanceof SymbolAtom ? last.name : undefined;
    if (lastName && this.ctx.choices.has(lastName)) {
      const base =
        left instanceof DotAtom ? this.expr(left.left, focus, thisVar) : (focus as string);
      selected = `f.child(${base}, ${JSON.stringify(lastName + upper(type))})`;
      input = `f.choice(${base}, ${JSON.stringify(lastName)})`;
    } else {
      input = left ? this.expr(left, focus, thisVar) : focus;
      if (this.ctx.resourceTypes.has(type) || type === 'Resource' || type === 'DomainResource')
        selected =
          type === 'Resource' || type === 'DomainResource'
            ? `f.resources(${input})`
            : `f.ofResource(${input}, ${JSON.stringify(type)})`;
      else if (PRIMITIVE_JS[type])
        // Untyped JSON: `as(canonical)` keeps every string (over-approximates: more candidates).
        selected = `f.ofJs(${input}, ${JSON.stringify(PRIMITIVE_JS[type])})`;
      else throw new Unsupported(`${op}(${type}) outside a choice element`);
    }
    // `is` on an empty input is empty.
    if (op === 'is') return `f.is(${input}, ${selected})`;
    return selected;
  }

  private lambda(arg: Atom): string {
    const v = `x${++this.depth}`;
    const body = this.expr(arg, `[${v}]`, `[${v}]`);
    this.depth--;
    return `(${v}) => ${body}`;
  }

  /** A lambda giving the single value of `arg` (the boolean mode), with its own temporaries. */
  private lambdaB(arg: Atom): string {
    const v = `x${++this.depth}`;
    const outer = this.temps;
    this.temps = [];
    const body = this.bool(arg, `[${v}]`, `[${v}]`);
    const temps = this.temps;
    this.temps = outer;
    this.depth--;
    if (!temps.length) return `(${v}) => ${body}`;
    return `(${v}) => {\n      let ${temps.map((t) => `${t}: unknown`).join(', ')};\n      return ${body};\n    }`;
  }

  /** A literal collection's source, or its constant's name (`CompileOptions.literals`). */
  private literal(source: string): string {
    if (!this.literals) return source;
    let name = this.literals.get(source);
    if (!name) this.literals.set(source, (name = `L${this.literals.size + 1}`));
    return name;
  }

  /** A new temporary of the function being written. */
  private temp(): string {
    const name = `v${++this.tempCount}`;
    this.temps.push(name);
    return name;
  }

  /** The temporaries of the invariant's own function (after `bool` on its expression). */
  ownTemps(): string[] {
    return this.temps;
  }

  /** Whether `bool` writes `atom` natively (its value is always `true`, `false` or empty). */
  isBool(atom: Atom): boolean {
    if (atom instanceof FhirPathAtom) return this.isBool(atom.child);
    if (
      atom instanceof AndAtom ||
      atom instanceof OrAtom ||
      atom instanceof ImpliesAtom ||
      atom instanceof XorAtom
    )
      return true;
    const fn = atom instanceof DotAtom ? atom.right : atom;
    return (
      fn instanceof FunctionAtom &&
      BOOL_FUNCTIONS.has(fn.name) &&
      fn.args.length === (fn.name === 'all' ? 1 : fn.name === 'exists' ? fn.args.length : 0) &&
      fn.args.length <= 1
    );
  }

  /**
   * Source of the single value of `atom` (what `single` gives of its collection: `undefined`
   * when empty), the boolean mode: the logic in plain JavaScript, the rest through `f.single`.
   */
  bool(atom: Atom, focus: string, thisVar: string): string {
    if (atom instanceof FhirPathAtom) return this.bool(atom.child, focus, thisVar);
    if (!this.isBool(atom) || this.lifted(atom))
      return `f.single(${this.expr(atom, focus, thisVar)})`;
    if (
      atom instanceof AndAtom ||
      atom instanceof OrAtom ||
      atom instanceof ImpliesAtom ||
      atom instanceof XorAtom
    ) {
      if (this.definite(atom)) {
        // Neither side can be empty: plain JavaScript logic.
        const l = this.bool(atom.left, focus, thisVar);
        const r = this.bool(atom.right, focus, thisVar);
        if (atom instanceof AndAtom) return `(${l} && ${r})`;
        if (atom instanceof OrAtom) return `(${l} || ${r})`;
        if (atom instanceof ImpliesAtom) return `(!${l} || ${r})`;
        return `(${l} !== ${r})`;
      }
      const a = this.temp();
      const b = this.temp();
      const l = this.bool(atom.left, focus, thisVar);
      const r = this.bool(atom.right, focus, thisVar);
      const unknown = `${a} === undefined || ${b} === undefined`;
      if (atom instanceof AndAtom)
        return `((${a} = ${l}) === false || (${b} = ${r}) === false ? false : ${unknown} ? undefined : true)`;
      if (atom instanceof OrAtom)
        return `((${a} = ${l}) === true || (${b} = ${r}) === true ? true : ${unknown} ? undefined : false)`;
      if (atom instanceof ImpliesAtom)
        return `((${a} = ${l}) === false || (${b} = ${r}) === true ? true : ${unknown} ? undefined : false)`;
      return `((${a} = ${l}), (${b} = ${r}), ${unknown} ? undefined : ${a} !== ${b})`;
    }
    const fn = (atom instanceof DotAtom ? atom.right : atom) as FunctionAtom;
    const left = atom instanceof DotAtom ? atom.left : undefined;
    const input = () => (left ? this.expr(left, focus, thisVar) : focus);
    // `where(c).exists()`, `where(c).empty()`: a loop that stops at the first match.
    const filtered =
      left instanceof DotAtom &&
      left.right instanceof FunctionAtom &&
      left.right.name === 'where' &&
      left.right.args.length === 1
        ? left
        : undefined;
    switch (fn.name) {
      case 'not': {
        if (left && this.definite(left)) return `!${this.bool(left, focus, thisVar)}`;
        const v = this.temp();
        const c = left ? this.bool(left, focus, thisVar) : `f.single(${focus})`;
        return `((${v} = ${c}) === undefined ? undefined : ${v} !== true)`;
      }
      case 'exists':
        if (fn.args.length) return `f.some(${input()}, ${this.lambdaB(fn.args[0]!)})`;
        if (filtered)
          return `f.some(${this.expr(filtered.left, focus, thisVar)}, ${this.lambdaB((filtered.right as FunctionAtom).args[0]!)})`;
        return `f.existsB(${input()})`;
      case 'empty':
        if (filtered)
          return `!f.some(${this.expr(filtered.left, focus, thisVar)}, ${this.lambdaB((filtered.right as FunctionAtom).args[0]!)})`;
        return `!f.existsB(${input()})`;
      case 'all':
        return `f.every(${input()}, ${this.lambdaB(fn.args[0]!)})`;
      default:
        return `f.hasValueB(${input()})`;
    }
  }

  /** Whether `bool` gives `atom` as a `true` or `false`, never empty. */
  private definite(atom: Atom): boolean {
    if (atom instanceof FhirPathAtom) return this.definite(atom.child);
    if (!this.isBool(atom) || this.lifted(atom)) return false;
    if (
      atom instanceof AndAtom ||
      atom instanceof OrAtom ||
      atom instanceof ImpliesAtom ||
      atom instanceof XorAtom
    )
      return this.definite(atom.left) && this.definite(atom.right);
    const fn = (atom instanceof DotAtom ? atom.right : atom) as FunctionAtom;
    if (fn.name !== 'not') return true;
    return atom instanceof DotAtom && this.definite(atom.left);
  }

  /** Whether `expr` would lift `atom` out of its lambda (then `bool` reads the lifted value). */
  private lifted(atom: Atom): boolean {
    return this.depth > 0 && !this.hoisting && independent(atom) && usesVariable(atom);
  }

  private fn(atom: FunctionAtom, focus: string, thisVar: string): string {
    const { name, args } = atom;
    const arg = (i: number) => this.expr(args[i]!, thisVar, thisVar);
    if (args.length === 0 && FUNCTIONS_0[name]) return `${FUNCTIONS_0[name]}(${focus})`;
    switch (name) {
      case 'exists':
        return args.length
          ? `f.exists(f.where(${focus}, ${this.lambda(args[0]!)}))`
          : `f.exists(${focus})`;
      case 'where':
        if (this.booleans) return `f.whereB(${focus}, ${this.lambdaB(args[0]!)})`;
        return `f.where(${focus}, ${this.lambda(args[0]!)})`;
      case 'select':
        return `f.select(${focus}, ${this.lambda(args[0]!)})`;
      case 'all':
        return `f.all(${focus}, ${this.lambda(args[0]!)})`;
      case 'matches':
      case 'startsWith':
      case 'endsWith':
      case 'contains':
        return `f.${name === 'contains' ? 'containsStr' : name}(${focus}, ${arg(0)})`;
      case 'substring':
        return `f.substring(${focus}, ${arg(0)}, ${args[1] ? arg(1) : '[]'})`;
      case 'intersect':
        return `f.intersect(${focus}, ${arg(0)})`;
      case 'trace':
        return focus;
      case 'iif':
        return `f.iif(${this.expr(args[0]!, focus, thisVar)}, () => ${arg(1)}, () => ${args[2] ? arg(2) : '[]'})`;
      case 'as':
      case 'ofType':
      case 'is':
        return this.typeOp(name, undefined, typeName(args[0]), focus, thisVar);
      case 'extension':
        return `f.extension(${focus}, ${arg(0)})`;
      default:
        throw new Unsupported(`the function ${name}()`);
    }
  }
}

/**
 * The TypeScript source of an invariant's test: a function of `t` (the element), `r` and `rr`
 * that is true when the element passes (only a single `false` fails it), with the loop-invariant
 * parts of its lambdas computed once. Throws `Unsupported` like `compileFhirPath`.
 */
export function compileInvariant(
  expression: string,
  ctx: CompileContext,
  options: CompileOptions = {},
): string {
  const compiler = new Compiler(ctx);
  if (options.booleans) {
    compiler.booleans = true;
    compiler.literals = options.literals;
    const body = peephole(compiler.bool(parse(expression), '[t]', '[t]'), true);
    const lets = [
      ...compiler.hoisted.map(([name]) => `${name}: f.Coll | undefined`),
      ...compiler.ownTemps().map((name) => `${name}: unknown`),
    ];
    if (!lets.length) return `(t, r, rr) => ${body} !== false`;
    return `(t, r, rr) => {\n    let ${lets.join(', ')};\n    return ${body} !== false;\n  }`;
  }
  const body = peephole(compiler.expr(parse(expression), '[t]', '[t]'));
  if (!compiler.hoisted.length) return `(t, r, rr) => f.passes(${body})`;
  const names = compiler.hoisted.map(([name]) => `${name}: f.Coll | undefined`);
  return `(t, r, rr) => {\n    let ${names.join(', ')};\n    return f.passes(${body});\n  }`;
}

function parse(expression: string): Atom {
  try {
    return parseFhirPath(expression);
  } catch (error) {
    throw new Unsupported(`the parser refuses it (${(error as Error).message})`);
  }
}

/**
 * The TypeScript source of an expression over `t` (the focus), `r` and `rr` that yields the
 * collection `expression` evaluates to. Throws `Unsupported` (with the reason) for what it does
 * not translate.
 */
export function compileFhirPath(expression: string, ctx: CompileContext): string {
  const compiler = new Compiler(ctx);
  const body = compiler.expr(parse(expression), '[t]', '[t]');
  if (compiler.hoisted.length) throw new Unsupported('lifted sub-expressions (compileInvariant)');
  return peephole(body);
}
