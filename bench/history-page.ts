/**
 * The page of the history benchmark (bench/history.ts bundles it with esbuild): it imports
 * `<vnh-vaccination-history>` as a user does, from the built package, and times one render of a
 * record of bench/history-records.ts, driven by Playwright through `globalThis.__vnhHistoryBench`.
 */
import '@vnhealth/components/vaccination-history/define.js';
import type { Immunization, Patient } from '@vnhealth/core';
import { evaluateSchedule, vnScheduleFor } from '@vnhealth/core/schedule';
import { AS_OF, record, subjects } from './history-records.ts';

interface HistoryElement extends HTMLElement {
  patient: Patient | undefined;
  immunizations: Immunization[] | undefined;
  schedule: unknown;
  updateComplete: Promise<boolean>;
}

/** One timed render: what the harness reads (ms). */
export interface RenderTiming {
  /** Setting `.patient`/`.immunizations` to `updateComplete` (every section rendered). */
  complete: number;
  /** Setting them to the first idle callback after the next frame. */
  idle: number;
  /** Dose rows in the DOM after the render. */
  rows: number;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const idle = () =>
  new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 5000 }));

let current: HistoryElement | undefined;

/** Connect a fresh element with no data yet, and let the page settle. */
async function prepare(kind: 'child' | 'adult', n: number) {
  current?.remove();
  const el = document.createElement('vnh-vaccination-history') as HistoryElement;
  el.setAttribute('as-of', AS_OF);
  const patient = subjects[kind].patient;
  el.schedule = vnScheduleFor({ birthDate: patient.birthDate! }, AS_OF);
  document.body.append(el);
  current = el;
  await el.updateComplete;
  const immunizations = record(kind, n);
  await frame();
  await idle();
  return { el, patient, immunizations };
}

/**
 * Time the first render of `n` doses: in a task of its own, set the data, await
 * `updateComplete`, then wait for the next frame, a task after it and an idle callback (the
 * page has rendered and has nothing left to do). `vnh-start` and `vnh-idle` marks delimit the
 * window for the harness's trace.
 */
async function render(kind: 'child' | 'adult', n: number): Promise<RenderTiming> {
  const { el, patient, immunizations } = await prepare(kind, n);
  await task();
  performance.mark('vnh-start');
  const t0 = performance.now();
  el.patient = patient;
  el.immunizations = immunizations;
  await el.updateComplete;
  const t1 = performance.now();
  await frame();
  await task();
  await idle();
  const t2 = performance.now();
  performance.mark('vnh-idle');
  return { complete: t1 - t0, idle: t2 - t0, rows: rowCount(el) };
}

const rowCount = (el: HistoryElement) => el.shadowRoot!.querySelectorAll('tr.row').length;

/**
 * After {@link render}: activate the "show all" button of the group with the most doses and
 * time until every row is in the DOM and the page is idle (undefined when no group is collapsed).
 */
async function expand(): Promise<{ idle: number; rows: number } | undefined> {
  const el = current!;
  const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="show-all"]')];
  // The button says the group's count: “Xem tất cả (750 mũi)”.
  const total = (b: HTMLButtonElement) => Number(/\d+/.exec(b.textContent ?? '')?.[0] ?? 0);
  const button = buttons.sort((a, b) => total(b) - total(a))[0];
  if (!button) return undefined;
  const section = button.closest('[part~="antigen"]')!;
  const wanted = total(button);
  await task();
  performance.mark('vnh-start');
  const t0 = performance.now();
  button.click();
  while (section.querySelectorAll('tr.row').length < wanted) await frame();
  await task();
  await idle();
  const t2 = performance.now();
  performance.mark('vnh-idle');
  return { idle: t2 - t0, rows: section.querySelectorAll('tr.row').length };
}

/**
 * The schedule engine alone on a record of `n` doses built anew (`evaluateSchedule`, as the
 * element calls it): the part of the script time that is not the element's.
 */
function engine(kind: 'child' | 'adult', n: number): number {
  const patient = subjects[kind].patient;
  const immunizations = record(kind, n);
  const schedule = vnScheduleFor({ birthDate: patient.birthDate! }, AS_OF);
  const t0 = performance.now();
  evaluateSchedule({ patient, immunizations, schedule, asOf: AS_OF });
  return performance.now() - t0;
}

declare global {
  var __vnhHistoryBench: {
    render: typeof render;
    expand: typeof expand;
    engine: typeof engine;
    record: typeof record;
  };
}
globalThis.__vnhHistoryBench = { render, expand, engine, record };
