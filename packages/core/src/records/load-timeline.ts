/**
 * `records.getTimeline`: one batch per page merging the searches of each kind, newest first. The
 * cursor keeps, per kind, the page to read next (the server's own `next` link, so servers that
 * page by continuation token work as well as `_offset` ones) and how much of it was shown.
 *
 * @internal
 * @module
 */
import { HealthError, checkRecordId as checkId } from '../kernel.ts';
import type { Bundle, Resource } from '../fhir/index.ts';
import { belowBase, entriesOf, get, nextOf } from './batch.ts';
import type { RecordsContext, TimelineOptions } from './client.ts';
import { compareEntries, TIMELINE_KINDS, TIMELINE_SEARCH, toTimelineEntry } from './timeline.ts';
import type { TimelineEntry, TimelineKind, TimelinePage } from './types.ts';

/** Where one kind stands: the page to read (below the base) and how many of it were shown. */
interface KindState {
  url: string;
  skip: number;
}

interface TimelineCursor {
  /** The patient this cursor belongs to. */
  p: string;
  /** Kinds still to read; a kind absent here is exhausted. */
  k: Partial<Record<TimelineKind, KindState>>;
}

const badCursor = () =>
  new TypeError(
    'The timeline cursor is not one this client returned for this patient; start again without a cursor.',
  );

function decodeCursor(cursor: string, patientId: string): TimelineCursor {
  let parsed: TimelineCursor;
  try {
    parsed = JSON.parse(cursor) as TimelineCursor;
  } catch {
    throw badCursor();
  }
  if (parsed?.p !== patientId || typeof parsed.k !== 'object' || !parsed.k) throw badCursor();
  for (const [kind, state] of Object.entries(parsed.k)) {
    const search = TIMELINE_SEARCH[kind as TimelineKind];
    // Only a search of this kind's own resource type, below the base, is ever read.
    if (
      !search ||
      typeof state?.url !== 'string' ||
      !state.url.startsWith(`${search.type}?`) ||
      !Number.isInteger(state.skip) ||
      state.skip < 0
    ) {
      throw badCursor();
    }
  }
  return parsed;
}

function firstPage(kind: TimelineKind, patientId: string, pageSize: number): KindState {
  const s = TIMELINE_SEARCH[kind];
  const extra = s.params ? `&${s.params}` : '';
  const p = encodeURIComponent(patientId);
  return { url: `${s.type}?${s.patient}${p}${extra}&_sort=${s.sort}&_count=${pageSize}`, skip: 0 };
}

/** `RecordsClient.getTimeline`. */
export async function getTimeline(
  ctx: RecordsContext,
  patientId: string,
  options: TimelineOptions = {},
): Promise<TimelinePage> {
  checkId(patientId);
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 20, 100));
  const wanted = (options.kinds ?? TIMELINE_KINDS).filter(
    (k, i, all) => TIMELINE_KINDS.includes(k) && all.indexOf(k) === i,
  );
  const state: TimelineCursor = options.cursor
    ? decodeCursor(options.cursor, patientId)
    : {
        p: patientId,
        k: Object.fromEntries(wanted.map((k) => [k, firstPage(k, patientId, pageSize)])),
      };
  const kinds = wanted.filter((k) => state.k[k]);
  if (!kinds.length) return { entries: [], cursor: undefined, hasMore: false };

  const queues = new Map<TimelineKind, { entries: TimelineEntry[]; next: string | undefined }>();
  const queue = (kind: TimelineKind, found: readonly Resource[], link: string | undefined) => {
    const type = TIMELINE_SEARCH[kind].type;
    const next = link === undefined ? undefined : belowBase(link, ctx.fhir.baseUrl);
    if (link !== undefined && next === undefined) {
      throw new HealthError(
        `The server's next-page link of ${type} leaves the FHIR base URL; it was not followed.`,
      );
    }
    const entries = found
      .filter((r) => r.resourceType === type)
      .flatMap((r) => toTimelineEntry(r) ?? [])
      .slice(state.k[kind]!.skip);
    queues.set(kind, { entries, next });
  };
  const answers = await ctx.fhir.batch(
    kinds.map((kind) => get(state.k[kind]!.url)),
    options,
  );
  kinds.forEach((kind, i) => {
    const answer = answers[i];
    const bundle = answer?.resource as Bundle | undefined;
    if (!answer?.ok || bundle?.resourceType !== 'Bundle') {
      throw (
        answer?.error ??
        new HealthError(`The server answered no ${TIMELINE_SEARCH[kind].type} search in the batch.`)
      );
    }
    queue(kind, entriesOf(bundle).matches, nextOf(bundle));
  });

  // k-way merge, newest first. Each kind is consumed in the server's order, and the merge stops
  // when a kind with more pages runs dry: its next page may hold newer entries than the others'.
  const taken: TimelineEntry[] = [];
  const used = new Map<TimelineKind, number>(kinds.map((k) => [k, 0]));
  while (taken.length < pageSize) {
    let best: TimelineKind | undefined;
    let dry = false;
    for (const kind of kinds) {
      const queue = queues.get(kind)!;
      const head = queue.entries[used.get(kind)!];
      if (!head) {
        if (queue.next) dry = true;
        continue;
      }
      const current = best && queues.get(best)!.entries[used.get(best)!];
      if (!current || compareEntries(head, current) < 0) best = kind;
    }
    if (!best || dry) break;
    taken.push(queues.get(best)!.entries[used.get(best)!]!);
    used.set(best, used.get(best)! + 1);
  }

  const next: TimelineCursor = { p: patientId, k: { ...state.k } };
  for (const kind of kinds) {
    const queue = queues.get(kind)!;
    const shown = used.get(kind)!;
    const current = state.k[kind]!;
    if (shown < queue.entries.length)
      next.k[kind] = { url: current.url, skip: current.skip + shown };
    else if (queue.next) next.k[kind] = { url: queue.next, skip: 0 };
    else delete next.k[kind];
  }
  const hasMore = kinds.some((k) => next.k[k]);
  return {
    entries: options.includeEnteredInError ? taken : taken.filter((e) => !e.enteredInError),
    cursor: hasMore ? JSON.stringify(next) : undefined,
    hasMore,
  };
}
