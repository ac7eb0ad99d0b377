/**
 * Where an extension sits, for the `full` level's walk (`full-walk.ts`): the elements the walk is
 * inside, as frames in parallel arrays (no object per element: most hold no extension, and only an
 * extension needs its {@link ExtensionContext}, made from the frames when one is met).
 */
import type { ExtensionContext } from './extensions.ts';

/** An extension's context, spelt out from the frames. */
class Context implements ExtensionContext {
  readonly up: Context | undefined;
  readonly name: string;
  readonly type: string;
  readonly kind: string;
  readonly parent: string | undefined;
  /** A datatype or resource starts the local path afresh, at its type's name. */
  readonly fresh: boolean;
  #element: string | undefined;
  #local: string | undefined;
  constructor(
    up: Context | undefined,
    name: string,
    type: string,
    kind: string,
    parent: string | undefined,
    fresh: boolean,
  ) {
    this.up = up;
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.parent = parent;
    this.fresh = fresh;
  }
  get element(): string {
    return (this.#element ??= this.up ? this.up.element + '.' + this.name : this.name);
  }
  get local(): string {
    return (this.#local ??= this.fresh || !this.up ? this.type : this.up.local + '.' + this.name);
  }
}

/**
 * The stack of frames: frame `f` is an element named `names[f]` of type `types[f]`, below frame
 * `ups[f]` (-1 at the resource).
 */
export class Frames {
  private readonly ups: number[] = [];
  private readonly names: string[] = [];
  private readonly types: string[] = [];
  private readonly kinds: string[] = [];
  private readonly parents: (string | undefined)[] = [];
  private readonly fresh: boolean[] = [];
  private readonly contexts: (Context | undefined)[] = [];
  private top = 0;

  /**
   * Push a frame (`kind`: 'resource', 'backbone' or '' for a datatype or primitive; `parent`: the
   * URL of the extension that holds it, when nested); returns its index. Pop it with `pop`.
   */
  push(
    up: number,
    name: string,
    type: string,
    kind: string,
    parent: string | undefined,
    fresh: boolean,
  ): number {
    const f = this.top++;
    this.ups[f] = up;
    this.names[f] = name;
    this.types[f] = type;
    this.kinds[f] = kind;
    this.parents[f] = parent;
    this.fresh[f] = fresh;
    this.contexts[f] = undefined;
    return f;
  }

  pop(): void {
    this.top--;
  }

  reset(): void {
    this.top = 0;
  }

  /** The URL of the extension frame `f` is, or is inside. */
  parent(f: number): string | undefined {
    return this.parents[f];
  }

  /** The context of frame `f` (made once while `f` is on the stack). */
  context(f: number): ExtensionContext {
    return this.contextAt(f);
  }

  private contextAt(f: number): Context {
    let c = this.contexts[f];
    if (!c) {
      const up = this.ups[f]!;
      c = new Context(
        up < 0 ? undefined : this.contextAt(up),
        this.names[f]!,
        this.types[f]!,
        this.kinds[f]!,
        this.parents[f],
        this.fresh[f]!,
      );
      this.contexts[f] = c;
    }
    return c;
  }
}
