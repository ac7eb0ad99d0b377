/**
 * What keeps `<vnh-vaccination-history>` fast at any length: long groups collapsed to their
 * latest rows (the rest shown on demand, a chunk per frame), each row's template built once, and
 * the record book rendered only while it is shown or printed. Internal to the element.
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
 * What a frame of "show all" may cost (ms, from one frame to the next): each frame adds as many
 * rows as fit at the last frame's pace, at least 25, so a slow device gets smaller chunks.
 */
const FRAME_BUDGET = 30;

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
    let chunk = 50;
    let last = 0;
    const more = (now = 0): void => {
      // From the last frame to this one: what the last chunk cost (script, style, layout, paint).
      if (last) chunk = Math.min(400, Math.max(25, (chunk * FRAME_BUDGET) / (now - last)));
      last = now;
      open.shown = Math.min(open.older, open.shown + Math.round(chunk));
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
