/**
 * Free slots: `telemedicine.findSlots`, `nextAvailable`, and the nearest alternatives a lost
 * booking offers.
 *
 * @internal
 * @module
 */
import { SlotUnavailableError } from '../kernel.ts';
import type { ResourceOf, Slot } from '../fhir/index.ts';
import type { RequestOptions, SearchParams } from '../http/types.ts';
import type { ConsultMode } from './conventions.ts';
import { fresh, type TelemedicineContext } from './context.ts';
import { toReference } from './refs.ts';
import { boundToMs, toIctIso } from './time.ts';
import type { FindSlotsQuery, FreeSlot, SlotAvailability } from './types.ts';
import { DAY_MS, groupByIctDay, modesOf, toFreeSlot } from './views.ts';

/** Every match of a search, all pages. */
async function all<K extends 'Schedule' | 'PractitionerRole'>(
  ctx: TelemedicineContext,
  type: K,
  params: SearchParams,
  options?: RequestOptions,
): Promise<ResourceOf<K>[]> {
  const out: ResourceOf<K>[] = [];
  for await (const page of ctx.fhir.pages(type, params, options)) out.push(...page.resources);
  return out;
}

const active = (schedules: { id?: string; active?: boolean }[]) =>
  schedules.filter((s) => s.active !== false).map((s) => `Schedule/${s.id}`);

async function schedulesFor(
  ctx: TelemedicineContext,
  query: FindSlotsQuery,
  options?: RequestOptions,
): Promise<string[]> {
  if (query.schedule) return [toReference(query.schedule, 'Schedule')];
  if (query.practitionerRole) {
    const actor = toReference(query.practitionerRole, 'PractitionerRole');
    return active(await all(ctx, 'Schedule', { actor, _count: 50 }, options));
  }
  if (query.service) {
    const service = toReference(query.service, 'HealthcareService');
    const direct = await all(ctx, 'Schedule', { actor: service, _count: 50 }, options);
    if (direct.length) return active(direct);
    const roles = await all(ctx, 'PractitionerRole', { service, _count: 100 }, options);
    if (!roles.length) return [];
    const actors = roles.map((r) => `PractitionerRole/${r.id}`);
    return active(await all(ctx, 'Schedule', { actor: actors, _count: 200 }, options));
  }
  throw new TypeError('findSlots needs one of practitionerRole, service or schedule.');
}

async function freeSlotsBetween(
  ctx: TelemedicineContext,
  schedules: string[],
  fromMs: number,
  toMs: number,
  pageSize: number,
  options?: RequestOptions,
  mode?: ConsultMode,
): Promise<FreeSlot[]> {
  if (!schedules.length || toMs <= fromMs) return [];
  const notBefore = Math.max(fromMs, ctx.now().getTime());
  const out: FreeSlot[] = [];
  const params = {
    schedule: schedules,
    status: 'free',
    start: `ge${new Date(fromMs).toISOString()}`,
    _sort: 'start',
    _count: pageSize,
  };
  let pages = 0;
  for await (const page of ctx.fhir.pages('Slot', params, options)) {
    pages += 1;
    let sorted = true;
    let previous = -Infinity;
    let beyond = false;
    for (const slot of page.resources) {
      const start = Date.parse(slot.start);
      if (start < previous) sorted = false;
      previous = start;
      if (start >= toMs) {
        beyond = true;
        continue;
      }
      if (slot.status !== 'free' || start < notBefore) continue;
      if (mode && !modesOf(slot.serviceType).includes(mode)) continue;
      out.push(toFreeSlot(slot));
    }
    if ((beyond && sorted) || pages >= 50) break;
  }
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

async function availability(
  ctx: TelemedicineContext,
  schedules: string[],
  fromMs: number,
  toMs: number,
  query: FindSlotsQuery,
  options?: RequestOptions,
): Promise<SlotAvailability> {
  const pageSize = query.pageSize ?? 100;
  const slots = await freeSlotsBetween(ctx, schedules, fromMs, toMs, pageSize, options, query.mode);
  const span = toMs - fromMs;
  return {
    from: toIctIso(fromMs),
    to: toIctIso(toMs),
    days: groupByIctDay(slots),
    slots,
    schedules,
    next: (opts) => availability(ctx, schedules, toMs, toMs + span, query, opts ?? options),
    nextAvailable: (opts) =>
      firstFree(ctx, schedules, toMs, opts?.horizonDays ?? 60, query, opts ?? options),
  };
}

async function firstFree(
  ctx: TelemedicineContext,
  schedules: string[],
  fromMs: number,
  horizonDays: number,
  query: FindSlotsQuery,
  options?: RequestOptions,
): Promise<FreeSlot | undefined> {
  const step = 7 * DAY_MS;
  const end = fromMs + horizonDays * DAY_MS;
  for (let start = fromMs; start < end; start += step) {
    const slots = await freeSlotsBetween(
      ctx,
      schedules,
      start,
      Math.min(start + step, end),
      query.pageSize ?? 100,
      options,
      query.mode,
    );
    if (slots[0]) return slots[0];
  }
  return undefined;
}

/** `TelemedicineClient.findSlots`. */
export async function findSlots(
  ctx: TelemedicineContext,
  query: FindSlotsQuery,
  options?: RequestOptions,
): Promise<SlotAvailability> {
  const fromMs = query.from !== undefined ? boundToMs(query.from) : ctx.now().getTime();
  const toMs = query.to !== undefined ? boundToMs(query.to) : fromMs + 7 * DAY_MS;
  const schedules = await schedulesFor(ctx, query, options);
  return availability(ctx, schedules, fromMs, toMs, query, options);
}

/** `TelemedicineClient.nextAvailable`. */
export async function nextAvailable(
  ctx: TelemedicineContext,
  query: FindSlotsQuery,
  options?: RequestOptions & { horizonDays?: number },
): Promise<FreeSlot | undefined> {
  const schedules = await schedulesFor(ctx, query, options);
  const fromMs = query.from !== undefined ? boundToMs(query.from) : ctx.now().getTime();
  return firstFree(ctx, schedules, fromMs, options?.horizonDays ?? 60, query, options);
}

/** The free slots of the same schedule and mode nearest to `slot` (none on failure). */
async function nearestAlternatives(
  ctx: TelemedicineContext,
  slot: Slot,
  options?: RequestOptions,
): Promise<FreeSlot[]> {
  if (!ctx.alternatives || !slot.schedule?.reference) return [];
  try {
    const target = Date.parse(slot.start);
    const slotModes = modesOf(slot.serviceType);
    const fromMs = Math.max(ctx.now().getTime(), target - 3 * DAY_MS);
    const candidates = await freeSlotsBetween(
      ctx,
      [toReference(slot.schedule, 'Schedule')],
      fromMs,
      Math.max(fromMs, target) + 14 * DAY_MS,
      100,
      fresh(options),
      slotModes.length === 1 ? slotModes[0] : undefined,
    );
    return candidates
      .filter((c) => c.id !== slot.id)
      .sort(
        (a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target),
      )
      .slice(0, ctx.alternatives)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  } catch (error) {
    // The answer is "taken" either way; without alternatives the UI offers the calendar.
    if (options?.signal?.aborted) throw error;
    return [];
  }
}

/**
 * Throw {@link SlotUnavailableError} for `slot`, with the nearest alternatives; `cause` is the
 * conflict that proved it taken, if any.
 */
export async function unavailable(
  ctx: TelemedicineContext,
  slot: Slot,
  message: string,
  cause: unknown,
  options?: RequestOptions,
): Promise<never> {
  const c = cause as { status?: number; request?: { method: string; path: string } } | undefined;
  const error = new SlotUnavailableError(message, {
    status: c?.status ?? 409,
    request: c?.request ?? { method: 'POST', path: '/' },
    cause,
  });
  error.alternatives = await nearestAlternatives(ctx, slot, options);
  throw error;
}
