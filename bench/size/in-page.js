// The size harness's clock inside the page (bench/size/done.ts installs it with
// `context.addInitScript`, before any page script runs, after a line that sets
// `globalThis.__vnhSizeConfig = { predicate, bufferSize }`).
//
// One MutationObserver watches the document and every shadow root as it is attached; after each
// mutation batch it evaluates the task's predicate, and the first time the predicate holds it
// records `performance.now()` as the done instant and which Resource Timing entries the
// timeline holds then. MutationObserver callbacks run at the microtask checkpoint right after the
// DOM change, before the event loop takes another task, so no response can be handled by the
// page (and no entry added) between the change and the instant. `globalThis.__vnhSize.report()`
// gives the instant and every entry, each marked with whether it was in the timeline at done.
(() => {
  const config = globalThis.__vnhSizeConfig;
  const state = {
    done: undefined,
    atDone: new Set(),
    error: undefined,
    overflow: false,
    batches: 0,
  };
  const key = (entry) => `${entry.name} ${entry.startTime} ${entry.responseEnd}`;
  const roots = [document];
  const options = { subtree: true, childList: true, characterData: true, attributes: true };
  const normal = (text) => (text ?? '').replace(/\s+/g, ' ');

  // Visible as Playwright's locators mean it: a non-empty box and not `visibility: hidden`.
  const visible = (element) => {
    if (!element.checkVisibility({ visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const skipped = (element) =>
    element instanceof HTMLStyleElement ||
    element instanceof HTMLScriptElement ||
    element instanceof HTMLTemplateElement;

  /** The document and the shadow roots attached so far (open or closed). */
  const liveRoots = () => roots.filter((root) => root === document || root.host.isConnected);

  /** Some visible element, in the document or a shadow root, holds `text` (whitespace folded). */
  const textShown = (text) => {
    const wanted = normal(text);
    for (const root of liveRoots()) {
      const top = root === document ? document.documentElement : root;
      if (!top || !normal(top.textContent).includes(wanted)) continue;
      for (const element of root.querySelectorAll('*')) {
        if (skipped(element) || !normal(element.textContent).includes(wanted)) continue;
        // The innermost element that holds all of it.
        if ([...element.children].some((child) => normal(child.textContent).includes(wanted)))
          continue;
        if (visible(element)) return true;
      }
    }
    return false;
  };

  /** Some visible element matches `selector` in a shadow root whose host matches `host` (or anywhere). */
  const shown = (selector, host) => {
    for (const root of liveRoots()) {
      if (host !== undefined && (root === document || !root.host.matches(host))) continue;
      for (const element of root.querySelectorAll(selector)) if (visible(element)) return true;
    }
    return false;
  };

  const helpers = { roots: liveRoots, textShown, shown, visible };
  let predicate;
  try {
    predicate = (0, eval)(`(${config.predicate})`);
    if (typeof predicate !== 'function') throw new TypeError('it is not a function');
  } catch (error) {
    state.error = `the done predicate does not compile: ${error}`;
  }

  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (state.done !== undefined || state.error !== undefined) return;
    state.batches++;
    let held;
    try {
      held = predicate(helpers);
    } catch (error) {
      state.error = `the done predicate threw: ${error}`;
    }
    if (held === true) {
      state.done = now;
      // What the page itself had handled by now: an entry is added to the timeline by a task of
      // this event loop, so one whose request was sent in this very task is never among them,
      // however the operating system schedules the network process (whose clock `responseEnd`
      // reads).
      for (const entry of performance.getEntriesByType('resource')) state.atDone.add(key(entry));
    } else if (held !== false && state.error === undefined)
      state.error = `the done predicate returned ${typeof held} (${String(held)}), not a boolean`;
    if (state.done !== undefined || state.error !== undefined) observer.disconnect();
  });
  if (state.error === undefined) observer.observe(document, options);

  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    if (state.done === undefined && state.error === undefined) observer.observe(root, options);
    return root;
  };

  performance.setResourceTimingBufferSize(config.bufferSize);
  performance.addEventListener('resourcetimingbufferfull', () => {
    state.overflow = true;
  });

  Object.defineProperty(globalThis, '__vnhSize', {
    value: {
      settled: () => state.done !== undefined || state.error !== undefined,
      report: () => ({
        done: state.done,
        error: state.error,
        overflow: state.overflow,
        batches: state.batches,
        resources: performance.getEntriesByType('resource').map((entry) => ({
          name: entry.name,
          startTime: entry.startTime,
          responseEnd: entry.responseEnd,
          atDone: state.atDone.has(key(entry)),
        })),
      }),
    },
  });
})();
