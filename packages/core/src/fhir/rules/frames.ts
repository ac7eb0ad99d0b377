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

/** What a frame is: an element named `name` of type `type`, made once per type and key. */
export interface FrameInfo {
  readonly name: string;
  readonly type: string;
  /** 'resource', 'backbone', or '' for a datatype or primitive. */
  readonly kind: string;
  /** The URL of the extension that holds it, when nested. */
  readonly parent: string | undefined;
  /** A datatype or resource starts the local path afresh, at its type's name. */
  readonly fresh: boolean;
}

/** The stack of frames: frame `f` is `infos[f]`, below frame `ups[f]` (-1 at the resource). */
export class Frames {
  private readonly ups: number[] = [];
  private readonly infos: FrameInfo[] = [];
  private readonly contexts: (Context | undefined)[] = [];
  private top = 0;

  /** Push a frame below frame `up`; returns its index. Pop it with `pop`. */
  push(up: number, info: FrameInfo): number {
    const f = this.top++;
    this.ups[f] = up;
    this.infos[f] = info;
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
    return this.infos[f]!.parent;
  }

  /** The context of frame `f` (made once while `f` is on the stack). */
  context(f: number): ExtensionContext {
    return this.contextAt(f);
  }

  private contextAt(f: number): Context {
    let c = this.contexts[f];
    if (!c) {
      const up = this.ups[f]!;
      const info = this.infos[f]!;
      c = new Context(
        up < 0 ? undefined : this.contextAt(up),
        info.name,
        info.type,
        info.kind,
        info.parent,
        info.fresh,
      );
      this.contexts[f] = c;
    }
    return c;
  }
}
