/**
 * What keeps `<vnh-vaccination-history>` fast at any length: the sections rendered a chunk per
 * frame after the first rows, long groups collapsed to their latest rows (the rest shown on
 * demand, a chunk per frame), each row's template built once, and the record book rendered only
 * while it is shown or printed. Internal to the element.
 */
import {
  html,
  isServer,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';

/** A group with more rows than this shows its latest this many, and a button to show all. */
export const LATEST_ROWS = 10;

/**
 * The rows a first render puts in the DOM at most (a section is never split; the first is always
 * rendered): the sections after them follow a chunk per frame (see {@link ChunkedSections}).
 */
export const FIRST_ROWS = 24;

/**
 * What a frame of added rows may cost (ms, from one frame to the next): each frame adds as many
 * rows as fit at the last frame's pace, between 25 and 200, so a slow device gets smaller chunks.
 */
const FRAME_BUDGET = 24;

/** The rows to add per frame, paced on what the last frame cost. */
class Pace {
  #chunk = 50;
  #last = 0;

  /** The size of the next chunk, at `now` (a timestamp; 0 for the first chunk). */
  next(now = 0): number {
    if (this.#last) {
      const spent = Math.max(1, now - this.#last);
      this.#chunk = Math.min(200, Math.max(25, (this.#chunk * FRAME_BUDGET) / spent));
    }
    this.#last = now;
    return Math.round(this.#chunk);
  }
}

/**
 * A long history's sections, rendered over several frames: a first render of about
 * {@link FIRST_ROWS} rows, then a chunk of sections after each frame until all are in the DOM,
 * so no frame's script, style or layout grows with the record. `done` tells the host's `updateComplete` to wait for
 * the rest. On the server every section renders at once.
 */
export class ChunkedSections {
  readonly #host: ReactiveControllerHost;
  #for: object | undefined;
  #budget = 0;
  #pace = new Pace();
  #next: Promise<void> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /**
   * How many of the sections (their row counts `sizes`, in order) to render now for `key` (the
   * evaluation: a new one starts again from the first rows). Schedules the next chunk when
   * sections are left.
   */
  take(key: object, sizes: readonly number[]): number {
    if (key !== this.#for) {
      this.#for = key;
      this.#budget = isServer ? Infinity : FIRST_ROWS;
      this.#pace = new Pace();
    }
    let n = 0;
    let rows = 0;
    while (n < sizes.length && (n === 0 || rows + sizes[n]! <= this.#budget)) rows += sizes[n++]!;
    if (n < sizes.length) this.#schedule(rows);
    return n;
  }

  /** Resolves when the next chunk has been requested; undefined when every section is shown. */
  get pending(): Promise<void> | undefined {
    return this.#next;
  }

  #schedule(rows: number): void {
    if (this.#next) return;
    const key = this.#for;
    // After the next frame has painted what is rendered (a task after its animation frame),
    // not in the animation frame: that frame would lay out this chunk and the next together.
    this.#next = new Promise((resolve) =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.#next = undefined;
          if (this.#for === key) this.#budget = rows + this.#pace.next(performance.now());
          this.#host.requestUpdate();
          resolve();
        }, 0),
      ),
    );
  }
}

/** The words of the show-all button. */
interface ShowAllWords {
  showAll: (n: number) => string;
  showFewer: string;
}

/** One open group: how many of its older rows are in the DOM, of how many. */
interface Open {
  shown: number;
  older: number;
}

/**
 * Which long groups are open. A group of more than {@link LATEST_ROWS} rows shows its latest
 * rows; opening it adds the older ones, oldest first, a chunk per frame, until all are shown.
 * Render `older` then `latest` as two lists: the older rows are appended to theirs, so the rows
 * already rendered are never rendered again.
 */
export class CollapsedRows {
  readonly #host: ReactiveControllerHost;
  readonly #open = new Map<string, Open>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /**
   * The rows of group `id` to render: `older` (the shown part of the rows before the latest,
   * empty while collapsed) and `latest`; `toggle` is the button, or nothing for a short group.
   */
  split<T>(
    id: string,
    rows: readonly T[],
    words: ShowAllWords,
  ): { older: readonly T[]; latest: readonly T[]; toggle: TemplateResult | typeof nothing } {
    const cut = rows.length - LATEST_ROWS;
    if (cut <= 0) return { older: [], latest: rows, toggle: nothing };
    const open = this.#open.get(id);
    if (open) open.older = cut;
    return {
      older: open ? rows.slice(0, open.shown) : [],
      latest: rows.slice(cut),
      toggle: html`<button
        type="button"
        class="vnh-button show-all"
        part="show-all"
        aria-expanded=${!!open}
        @click=${() => this.#toggle(id, cut)}
      >
        ${open ? words.showFewer : words.showAll(rows.length)}
      </button>`,
    };
  }

  #toggle(id: string, older: number): void {
    const open: Open = { shown: 0, older };
    // Closing: one update, with nothing more to show.
    if (this.#open.delete(id)) open.older = 0;
    else this.#open.set(id, open);
    const pace = new Pace();
    const more = (now = 0): void => {
      // From the last frame to this one: what the last chunk cost (script, style, layout, paint).
      open.shown = Math.min(open.older, open.shown + pace.next(now));
      this.#host.requestUpdate();
      // Closed (or closed and opened again) meanwhile, or all shown: this run stops.
      if (this.#open.get(id) === open && open.shown < open.older) requestAnimationFrame(more);
    };
    more();
  }
}

/**
 * `build()` once per `key` and `dep`: the cache holds `[dep, value]`. Rows of the memoised
 * evaluation keep their sorted list and their templates (built in the words `dep`) across
 * renders, so an open group's rows are built once, not on every frame.
 */
export function memo<V>(
  cache: WeakMap<object, [unknown, unknown]>,
  key: object,
  dep: unknown,
  build: () => V,
): V {
  const hit = cache.get(key);
  if (hit && hit[0] === dep) return hit[1] as V;
  const value = build();
  cache.set(key, [dep, value]);
  return value;
}

/**
 * Whether the page is being printed, from `beforeprint` to `afterprint`. `changed` runs in the
 * event, synchronously: with `window.print()` the print layout follows the event before any
 * microtask, so the host must render at once what the printout needs.
 */
export class PrintWatch implements ReactiveController {
  printing = false;
  readonly #changed: () => void;

  constructor(host: ReactiveControllerHost, changed: () => void) {
    this.#changed = changed;
    host.addController(this);
  }

  /** @internal The `beforeprint` and `afterprint` listener. */
  handleEvent(event: Event): void {
    this.printing = event.type === 'beforeprint';
    this.#changed();
  }

  hostConnected(): void {
    if (!isServer) for (const type of PRINT) addEventListener(type, this);
  }

  hostDisconnected(): void {
    if (!isServer) for (const type of PRINT) removeEventListener(type, this);
  }
}

const PRINT = ['beforeprint', 'afterprint'];
