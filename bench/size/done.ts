// When a task is done, decided inside the page: bench/size/in-page.js records the instant the
// task's predicate first holds (checked after every DOM mutation batch, in the document and every
// shadow root) and which Resource Timing entries the page's timeline held at that instant; the
// harness counts those files until done (each must have its `responseEnd` at or before the
// instant) and the later ones as background. Playwright only waits, with a timeout, for the page
// to have decided.
//
// Why the timeline and not `responseEnd` alone: `responseEnd` is stamped by the network process.
// A chunk the page imports in the very task that shows the data is sent before the observer's
// callback runs, and on a loaded machine (2 cores, load 10) its `responseEnd` was seen 1–5 ms
// before the callback's `performance.now()` in about one run of 20. An entry enters the timeline
// only in a later task of the page's own event loop, so it can never be among those.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** What "done" means for a task, checked inside the page. */
export interface DoneWhen {
  /** For the report: "Nguyễn Văn An shown". */
  what: string;
  /**
   * JavaScript source of a function the page calls after every mutation batch until it returns
   * `true` (it must return a boolean; throwing or anything else fails the task). Its argument
   * holds in-page helpers: `textShown(text)`, `shown(selector, host?)`, `visible(element)` and
   * `roots()` (the document and every shadow root attached so far). See in-page.js.
   */
  predicate: string;
}

/** Done when `text` is shown in a visible element (of the document or any shadow root). */
export const textShown = (text: string): DoneWhen => ({
  what: `“${text}” shown`,
  predicate: `({ textShown }) => textShown(${JSON.stringify(text)})`,
});

/** Done when a visible element matches `selector` in the shadow root of a `host` element. */
export const partShown = (host: string, selector: string): DoneWhen => ({
  what: `\`${selector}\` shown in \`${host}\``,
  predicate: `({ shown }) => shown(${JSON.stringify(selector)}, ${JSON.stringify(host)})`,
});

const inPage = readFileSync(new URL('./in-page.js', import.meta.url), 'utf8');

/** The init script for a task: its predicate and the Resource Timing buffer size. */
export function doneScript(done: DoneWhen, bufferSize: number): string {
  const config = JSON.stringify({ predicate: done.predicate, bufferSize });
  return `globalThis.__vnhSizeConfig = ${config};\n${inPage}`;
}

/** One Resource Timing entry, as the page reported it (times in ms from navigation start). */
export interface ResourceEntry {
  name: string;
  startTime: number;
  responseEnd: number;
  /** The entry was in the page's timeline when the done instant was recorded. */
  atDone: boolean;
}

/** What the page says once it has decided. */
export interface DoneReport {
  /** The done instant (`performance.now()`), ms from navigation start. */
  done: number;
  /** Mutation batches the predicate was evaluated on. */
  batches: number;
  resources: ResourceEntry[];
}

interface RawReport {
  done?: number;
  error?: string;
  overflow: boolean;
  batches: number;
  resources: ResourceEntry[];
}

const installed = 'typeof globalThis.__vnhSize === "object"';

/**
 * Wait (up to `timeout` ms) until the page has decided: the predicate held, or it failed.
 * Throws when it failed, when the init script is missing, or on the timeout.
 */
export async function waitForDone(page: Page, timeout: number): Promise<void> {
  try {
    await page.waitForFunction(`${installed} && globalThis.__vnhSize.settled()`, undefined, {
      timeout,
      polling: 50,
    });
  } catch (error) {
    const missing = !(await page.evaluate(installed).catch(() => true));
    throw new Error(
      missing
        ? 'the done observer was not installed in the page'
        : `not done within ${timeout / 1000} s (${(error as Error).message.split('\n')[0]})`,
      { cause: error },
    );
  }
  const report = await readRaw(page);
  if (report.error !== undefined) throw new Error(report.error);
}

async function readRaw(page: Page): Promise<RawReport> {
  return (await page.evaluate('globalThis.__vnhSize.report()')) as RawReport;
}

/**
 * The done instant and every Resource Timing entry so far. Throws when the predicate failed or
 * the Resource Timing buffer overflowed (entries would be missing).
 */
export async function readDone(page: Page): Promise<DoneReport> {
  const report = await readRaw(page);
  if (report.error !== undefined) throw new Error(report.error);
  if (report.done === undefined) throw new Error('the page never decided it was done');
  if (report.overflow)
    throw new Error(
      `the Resource Timing buffer overflowed (${report.resources.length} entries): some loads were not recorded`,
    );
  return { done: report.done, batches: report.batches, resources: report.resources };
}
