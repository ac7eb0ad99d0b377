import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a {@link Task} is: not run yet, running, done, or failed. */
export const TaskStatus = { INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3 } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** What {@link Task.render} renders for each status. */
export interface StatusRenderer<R> {
  initial?: () => unknown;
  pending?: () => unknown;
  complete?: (value: R) => unknown;
  error?: (error: unknown) => unknown;
}

/** A {@link Task}'s work and the arguments it runs again for. */
export interface TaskConfig<A extends readonly unknown[], R> {
  /** The work; `signal` aborts when a newer run starts. */
  task: (args: A, options: { signal: AbortSignal }) => Promise<R>;
  /** Read before every host update; the task runs again when any of them changed (`!==`). */
  args: () => A;
}

type Rendered<F> = F extends (...args: never[]) => infer T ? T : undefined;

/**
 * The async data of an element, as the subset of `@lit/task`'s `Task` our elements use (same
 * constructor, `status`, `value`, `error`, `run()`, `render()`), without the parts they do not
 * (`autoRun`, `taskComplete`, `initialValue`, callbacks, `initialState`). Before each host update
 * it reads `args`; when one changed, it runs the task (aborting a run still pending) and updates
 * the host when the run ends. Only the latest run's result is kept.
 */
export class Task<const A extends readonly unknown[], const R> implements ReactiveController {
  #host: ReactiveControllerHost;
  #config: TaskConfig<A, R>;
  #args: A | undefined;
  #abort: AbortController | undefined;
  #status: TaskStatus = TaskStatus.INITIAL;
  #value: R | undefined;
  #error: unknown;

  constructor(host: ReactiveControllerHost, config: TaskConfig<A, R>) {
    (this.#host = host).addController(this);
    this.#config = config;
  }

  /** @internal */
  hostUpdate(): void {
    const args = this.#config.args();
    const prev = this.#args;
    if (!prev || prev.length !== args.length || args.some((v, i) => v !== prev[i]))
      void this.run(args);
  }

  /** Run the task now (with the current arguments unless given). */
  async run(args: A = this.#config.args()): Promise<void> {
    this.#args = args;
    if (this.#status === TaskStatus.PENDING) this.#abort?.abort();
    this.#status = TaskStatus.PENDING;
    this.#host.requestUpdate();
    const abort = (this.#abort = new AbortController());
    let value: R | undefined;
    let error: unknown;
    let failed = false;
    try {
      value = await this.#config.task(args, { signal: abort.signal });
    } catch (e) {
      failed = true;
      error = e;
    }
    if (this.#abort !== abort) return;
    this.#status = failed ? TaskStatus.ERROR : TaskStatus.COMPLETE;
    this.#value = value;
    this.#error = error;
    this.#host.requestUpdate();
  }

  /** The last run's result (kept while a new run is pending). */
  get value(): R | undefined {
    return this.#value;
  }

  /** The last run's error. */
  get error(): unknown {
    return this.#error;
  }

  get status(): TaskStatus {
    return this.#status;
  }

  /** What `renderer` gives for the current status. */
  render<T extends StatusRenderer<R>>(
    renderer: T,
  ):
    | Rendered<T['initial']>
    | Rendered<T['pending']>
    | Rendered<T['complete']>
    | Rendered<T['error']> {
    const s = this.#status;
    return (
      s === TaskStatus.INITIAL
        ? renderer.initial?.()
        : s === TaskStatus.PENDING
          ? renderer.pending?.()
          : s === TaskStatus.COMPLETE
            ? renderer.complete?.(this.#value as R)
            : renderer.error?.(this.#error)
    ) as Rendered<T['initial']>;
  }
}
