// The community context protocol (github.com/webcomponents-cg/community-protocols, "context"), as
// `@lit/context` speaks it: a consumer dispatches a bubbling, composed `context-request` event
// carrying the context key and a callback; the nearest provider of that key stops it and calls
// the callback with its value (and again on every change when the request subscribes, with a
// function that unsubscribes). A provider that connects announces itself with `context-provider`,
// so an outer provider hands its subscribers on to the nearer one, and a `ContextRoot` replays
// the requests nobody answered. Only the parts vnhealth uses, so the elements do not ship
// `@lit/context`; the events are the same, so either side interoperates with `@lit/context`.
import type { ReactiveControllerHost } from 'lit';

/**
 * A context key that carries the type of its value (the same shape as `@lit/context`'s
 * `Context`, so `@lit/context` consumers and providers accept ours).
 */
export type Context<K, V> = K & { __context__: V };

/** A context key for values of type `V`. */
export const createContext = <V>(key: symbol): Context<symbol, V> => key as Context<symbol, V>;

type Callback = (value: unknown, unsubscribe?: () => void) => void;

/** What `context-request` and `context-provider` events carry. */
interface ContextEvent extends Event {
  context: unknown;
  contextTarget: Element;
  callback: Callback;
  subscribe?: boolean;
}

const REQUEST = 'context-request';
const PROVIDER = 'context-provider';

function contextEvent(
  type: string,
  context: unknown,
  target: Element,
  callback?: Callback,
): ContextEvent {
  const event = new Event(type, { bubbles: true, composed: true }) as ContextEvent;
  return Object.assign(event, { context, contextTarget: target, callback, subscribe: true });
}

/** Ask again from `target`, subscribing (a re-parented or replayed request). */
const request = (context: unknown, target: Element, callback: Callback): unknown =>
  target.dispatchEvent(contextEvent(REQUEST, context, target, callback));

const targetOf = (event: ContextEvent): Element =>
  event.contextTarget ?? (event.composedPath()[0] as Element);

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Subscribe `host` to the nearest provider of `context` while it is connected: `set` receives
 * the value now and on every change (a provider nearer than the first one that answered takes
 * over).
 */
export function consume<V>(host: Host, context: Context<symbol, V>, set: (value: V) => void): void {
  let unsubscribe: (() => void) | undefined;
  const callback: Callback = (value, dispose) => {
    if (unsubscribe !== dispose) unsubscribe?.();
    unsubscribe = dispose;
    set(value as V);
  };
  host.addController({
    hostConnected: () => request(context, host, callback),
    hostDisconnected: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  });
}

/**
 * Provides `context` to the elements inside `host` (not to `host` itself), with `setValue` to
 * change it; subscribers are told of every change.
 */
export class ContextProvider<V> {
  #value: V | undefined;
  /** Subscribed callback → its consumer and its (stable) unsubscribe function. */
  #subscribers = new Map<Callback, [Element, () => void]>();

  constructor(host: Host, context: Context<symbol, V>, value?: V) {
    this.#value = value;
    host.addEventListener(REQUEST, (e) => {
      const event = e as ContextEvent;
      if (event.context !== context || targetOf(event) === host) return;
      event.stopPropagation();
      const { callback } = event;
      if (!event.subscribe) return callback(this.#value);
      let entry = this.#subscribers.get(callback);
      if (!entry) {
        entry = [targetOf(event), () => this.#subscribers.delete(callback)];
        this.#subscribers.set(callback, entry);
      }
      callback(this.#value, entry[1]);
    });
    // A provider connected inside this one: its consumers ask again, and it answers them.
    host.addEventListener(PROVIDER, (e) => {
      const event = e as ContextEvent;
      if (event.context !== context || targetOf(event) === host) return;
      event.stopPropagation();
      for (const [callback, [consumer]] of [...this.#subscribers])
        request(context, consumer, callback);
    });
    host.addController({
      hostConnected: () => host.dispatchEvent(contextEvent(PROVIDER, context, host)),
    });
  }

  /** Change the value; subscribers are called when it differs (`Object.is`). */
  setValue(value: V): void {
    if (Object.is(value, this.#value)) return;
    this.#value = value;
    for (const [callback, [, dispose]] of this.#subscribers) callback(value, dispose);
  }
}

/**
 * Keeps the subscribing requests no provider answered (weakly) and replays them when a provider
 * of their context announces itself, as `@lit/context`'s `ContextRoot` does.
 */
export function attachContextRoot(root: Element): void {
  const pending = new Map<unknown, [WeakRef<Element>, WeakRef<Callback>][]>();
  root.addEventListener(REQUEST, (e) => {
    const event = e as ContextEvent;
    if (!event.subscribe) return;
    const target = targetOf(event);
    const list = pending.get(event.context) ?? [];
    pending.set(event.context, list);
    if (list.some(([t, c]) => t.deref() === target && c.deref() === event.callback)) return;
    list.push([new WeakRef(target), new WeakRef(event.callback)]);
  });
  root.addEventListener(PROVIDER, (e) => {
    const { context } = e as ContextEvent;
    const list = pending.get(context);
    pending.delete(context);
    for (const [target, callback] of list ?? []) {
      const t = target.deref();
      const c = callback.deref();
      if (t && c) request(context, t, c);
    }
  });
}
