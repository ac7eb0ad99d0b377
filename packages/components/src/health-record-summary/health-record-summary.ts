import {
  html,
  nothing,
  type PropertyValues,
  type TemplateResult,
  type PropertyDeclarations,
} from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type {
  PatientSummary,
  TimelineEntry,
  TimelineKind,
  TimelinePage,
  VitalKind,
} from '@vnhealth/core';
import { formatRecordedTime, recordedDate } from '@vnhealth/core';
import { summaryTimeline, TIMELINE_KINDS } from '@vnhealth/core/records';
import { VnhElement } from '../shared/element.ts';
import {
  errorMessage,
  isNotFound,
  MissingClientError,
  renderEmpty,
  renderError,
  renderLiveRegion,
  renderLoading,
  renderNotFound,
} from '../shared/states.ts';
import { Task, TaskStatus } from '../shared/task.ts';
import { messages } from './health-record-summary.i18n.ts';
import { styles } from './health-record-summary.styles.ts';

type Messages = VnhHealthRecordSummary['t'];

const KIND_LABEL: Record<TimelineKind, keyof Messages> = {
  encounter: 'kindEncounter',
  condition: 'kindCondition',
  vital: 'kindVital',
  immunization: 'kindImmunization',
};

const VITAL_LABEL: Record<VitalKind, keyof Messages> = {
  bloodPressure: 'vitalBloodPressure',
  heartRate: 'vitalHeartRate',
  temperature: 'vitalTemperature',
  oxygenSaturation: 'vitalOxygenSaturation',
  respiratoryRate: 'vitalRespiratoryRate',
  weight: 'vitalWeight',
  height: 'vitalHeight',
  bmi: 'vitalBmi',
};

const STATUS_LABEL: Partial<Record<TimelineKind, Record<string, keyof Messages>>> = {
  encounter: {
    finished: 'statusFinished',
    'in-progress': 'statusInProgress',
    arrived: 'statusInProgress',
    planned: 'statusPlanned',
    cancelled: 'statusCancelled',
  },
  condition: {
    active: 'statusActiveCondition',
    resolved: 'statusResolved',
    inactive: 'statusResolved',
    remission: 'statusRemission',
    recurrence: 'statusRecurrence',
    relapse: 'statusRecurrence',
  },
  immunization: { completed: 'statusCompleted', 'not-done': 'statusNotDone' },
};

const UNIT_LABEL: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  'kg/m2': 'kg/m²',
  '%': '%',
  kg: 'kg',
  g: 'g',
  cm: 'cm',
  m: 'm',
};

/** Parse the `kinds` attribute: kind names separated by spaces or commas. */
function parseKinds(value: string | null): TimelineKind[] {
  if (value === null) return [...TIMELINE_KINDS];
  return value
    .split(/[\s,]+/)
    .filter((k): k is TimelineKind => (TIMELINE_KINDS as readonly string[]).includes(k));
}

/** The calendar day of an entry as recorded (`yyyy-mm-dd`, or the partial date as stored). */
function dayOf(date: string | undefined): string | undefined {
  if (date && /^\d{4}(-\d{2})?$/.test(date)) return date;
  return recordedDate(date);
}

/** Entries grouped by the day they were recorded on, newest day first, undated last. */
function groupByDay(
  entries: readonly TimelineEntry[],
): { day: string | undefined; entries: TimelineEntry[] }[] {
  const groups = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const key = dayOf(entry.date) ?? '';
    const list = groups.get(key) ?? [];
    list.push(entry);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : b.localeCompare(a)))
    .map(([day, list]) => ({ day: day || undefined, entries: list }));
}

/**
 * A patient's health record as a timeline: encounters, conditions, vital signs and
 * immunisations grouped by the day they were recorded on (in the record's own offset, never
 * shifted to another zone), newest first, filterable by kind and paged with "Show more". Records
 * marked entered-in-error are never shown.
 *
 * Give it `patient-id` to load through the provider's client (`records.getTimeline`, one request
 * per page), or `.entries` / `.summary` to render data without network.
 *
 * @customElement vnh-health-record-summary
 * @summary A patient's encounters, conditions, vital signs and immunisations on a timeline.
 *
 * @slot header - Content beside the title (actions, a patient name).
 *
 * @csspart base - The outer section.
 * @csspart header - The title row.
 * @csspart title - The title heading.
 * @csspart filters - The group of kind filter buttons.
 * @csspart filter - One kind filter toggle button.
 * @csspart timeline - The list of days.
 * @csspart day - One day of the timeline.
 * @csspart day-heading - The date heading of a day.
 * @csspart entry - One entry (also `entry-encounter`, `entry-condition`, `entry-vital`, `entry-immunization`).
 * @csspart kind - The kind label of an entry.
 * @csspart entry-title - The text of an entry.
 * @csspart value - The measured value of a vital sign.
 * @csspart status - The status of an entry.
 * @csspart more - The "Show more" button.
 * @csspart more-error - The message shown when loading more entries failed.
 * @csspart loading - The loading skeleton.
 * @csspart empty - The empty state.
 * @csspart not-found - The not-found state (no such patient).
 * @csspart error - The error state.
 * @csspart retry - The Retry button of the error state.
 *
 * @cssprop [--vnh-health-record-summary-rail-color=var(--vnh-color-border)] - Colour of the timeline rail.
 * @cssprop [--vnh-health-record-summary-gap=var(--vnh-space-2)] - Space between entries.
 * @cssprop [--vnh-health-record-summary-encounter-color=var(--vnh-color-accent)] - Marker colour of encounters.
 * @cssprop [--vnh-health-record-summary-condition-color=var(--vnh-color-warning)] - Marker colour of conditions.
 * @cssprop [--vnh-health-record-summary-vital-color=var(--vnh-color-success)] - Marker colour of vital signs.
 * @cssprop [--vnh-health-record-summary-immunization-color=var(--vnh-color-danger)] - Marker colour of immunisations.
 */
export class VnhHealthRecordSummary extends VnhElement<typeof messages.vi> {
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id' },
    entries: { attribute: false },
    summary: { attribute: false },
    pageSize: { attribute: 'page-size', type: Number },
    kinds: {
      converter: { fromAttribute: parseKinds, toAttribute: (v: TimelineKind[]) => v.join(' ') },
    },
    headingLevel: { attribute: 'heading-level', type: Number },
    selected: { state: true },
    shown: { state: true },
    more: { state: true },
    moreCursor: { state: true },
    moreStatus: { state: true },
    announcement: { state: true },
  };

  static override styles = styles;
  protected readonly translations = messages;

  /** The FHIR Patient id to load (needs a client from `<vnh-provider>` or `.client`). */
  patientId: string | undefined;

  /** Timeline entries to render without network (takes precedence over `summary` and `patient-id`). */
  entries: TimelineEntry[] | undefined;

  /** A `PatientSummary` to render without network (its encounters, conditions and vital signs). */
  summary: PatientSummary | undefined;

  /**
   * Entries per page ("Show more" adds as many).
   * @default 20
   */
  pageSize = 20;

  /**
   * The kinds shown at first, separated by spaces: `encounter condition vital immunization`.
   * The person can change them with the filter buttons.
   * @default all kinds
   */
  kinds: TimelineKind[] = [...TIMELINE_KINDS];

  /**
   * The heading level of the title (1–5); day headings are one level below. Match the page's
   * outline, e.g. `3` inside a section titled with an `<h2>`.
   * @default 2
   */
  headingLevel = 2;

  private selected: TimelineKind[] = [...TIMELINE_KINDS];
  /** Local data: how many entries are shown. */
  private shown = 0;
  /** Loaded data: entries of the pages after the first. */
  private more: TimelineEntry[] = [];
  private moreCursor: string | undefined;
  private moreStatus: 'idle' | 'loading' | 'error' = 'idle';
  private announcement = '';

  #moreAbort: AbortController | undefined;
  #focusKey: string | undefined;

  #task = new Task(this, {
    task: async (
      [id, client, kinds, pageSize, local],
      { signal },
    ): Promise<TimelinePage | undefined> => {
      if (local || !id) return undefined;
      if (!kinds.length) return { entries: [], cursor: undefined, hasMore: false };
      if (!client) throw new MissingClientError();
      return client.records.getTimeline(id, { kinds, pageSize, signal });
    },
    args: () =>
      [
        this.patientId,
        this.resolvedClient,
        this.selected,
        this.#pageSize,
        this.entries !== undefined || this.summary !== undefined,
      ] as const,
  });

  get #pageSize(): number {
    const n = Math.floor(Number(this.pageSize));
    return Number.isFinite(n) && n > 0 ? Math.min(n, 100) : 20;
  }

  get #level(): number {
    const n = Math.floor(Number(this.headingLevel));
    return Number.isFinite(n) ? Math.min(Math.max(n, 1), 5) : 2;
  }

  get #local(): boolean {
    return this.entries !== undefined || this.summary !== undefined;
  }

  /** The local entries, filtered and sorted (no network). */
  get #localEntries(): TimelineEntry[] {
    const source = this.entries ?? (this.summary ? summaryTimeline(this.summary) : []);
    return source
      .filter((e) => !e.enteredInError && this.selected.includes(e.kind))
      .sort(
        (a, b) =>
          (Date.parse(b.date ?? '') || -Infinity) - (Date.parse(a.date ?? '') || -Infinity) ||
          a.key.localeCompare(b.key),
      );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#moreAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('kinds')) this.selected = [...this.kinds];
    const all = changed as Map<PropertyKey, unknown>;
    if (
      ['patientId', 'entries', 'summary', 'kinds', 'pageSize', 'selected'].some((k) => all.has(k))
    ) {
      this.#moreAbort?.abort();
      this.more = [];
      this.moreCursor = undefined;
      this.moreStatus = 'idle';
      this.shown = this.#pageSize;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusKey) {
      const key = this.#focusKey;
      this.#focusKey = undefined;
      this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
    }
  }

  #toggle(kind: TimelineKind): void {
    const on = this.selected.includes(kind);
    this.selected = TIMELINE_KINDS.filter((k) => (k === kind ? !on : this.selected.includes(k)));
    if (this.#local) {
      const count = Math.min(this.#localEntries.length, this.#pageSize);
      this.announcement = this.selected.length ? this.t.filtered(count) : this.t.noKinds;
    } else {
      this.announcement = '';
    }
  }

  #showMoreLocal(total: TimelineEntry[]): void {
    const before = this.shown;
    this.shown = Math.min(before + this.#pageSize, total.length);
    this.#focusKey = total[before]?.key;
    this.announcement = this.t.addedMore(this.shown - before, this.shown);
  }

  async #showMoreRemote(first: TimelinePage): Promise<void> {
    const client = this.resolvedClient;
    const cursor = this.more.length ? this.moreCursor : first.cursor;
    if (!client || !this.patientId || !cursor) return;
    this.#moreAbort?.abort();
    const abort = new AbortController();
    this.#moreAbort = abort;
    this.moreStatus = 'loading';
    this.announcement = this.t.loadingMore;
    try {
      const page = await client.records.getTimeline(this.patientId, {
        kinds: this.selected,
        pageSize: this.#pageSize,
        cursor,
        signal: abort.signal,
      });
      if (abort.signal.aborted) return;
      const shown = first.entries.length + this.more.length + page.entries.length;
      this.#focusKey = page.entries[0]?.key;
      this.more = [...this.more, ...page.entries];
      this.moreCursor = page.cursor;
      this.moreStatus = 'idle';
      this.announcement = this.t.addedMore(page.entries.length, shown);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.moreStatus = 'error';
      this.announcement = `${this.t.moreFailed} ${errorMessage(this.t, error)}`;
    }
  }

  protected override render(): TemplateResult {
    return html`<section class="base" part="base" aria-labelledby="title">
      <div class="header" part="header">
        <div id="title" class="title" part="title" role="heading" aria-level=${this.#level}>
          ${this.t.title}
        </div>
        <slot name="header"></slot>
      </div>
      ${this.#renderFilters()} ${renderLiveRegion(this.#liveMessage())}
      <div class="body">${this.#local ? this.#renderLocal() : this.#renderRemote()}</div>
    </section>`;
  }

  #liveMessage(): string {
    if (this.#local) return this.announcement;
    if (!this.patientId) return '';
    switch (this.#task.status) {
      // Not loaded yet (a server render, before the first update) reads as the first update.
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return this.t.loading;
      case TaskStatus.ERROR:
        return this.t.errorTitle;
      case TaskStatus.COMPLETE:
        return (
          this.announcement ||
          (this.#task.value ? this.t.loaded(this.#task.value.entries.length) : '')
        );
      default:
        return '';
    }
  }

  #renderFilters(): TemplateResult {
    // Nothing to filter while the record could not be loaded: the filters wait for Retry.
    const off = !this.#local && !!this.patientId && this.#task.status === TaskStatus.ERROR;
    return html`<div class="filters" part="filters" role="group" aria-labelledby="filter-label">
      <span id="filter-label" class="filter-label">${this.t.filterLabel}</span>
      ${TIMELINE_KINDS.map(
        (kind) =>
          html`<button
            type="button"
            class="vnh-button filter"
            part="filter"
            data-kind=${kind}
            aria-pressed=${this.selected.includes(kind) ? 'true' : 'false'}
            ?disabled=${off}
            @click=${() => this.#toggle(kind)}
          >
            <span class="check" aria-hidden="true">✓</span>${this.t[KIND_LABEL[kind]] as string}
          </button>`,
      )}
    </div>`;
  }

  #renderLocal(): TemplateResult {
    const all = this.#localEntries;
    const visible = all.slice(0, Math.max(this.shown, this.#pageSize));
    const hasMore = visible.length < all.length;
    return this.#renderTimeline(visible, this.#emptyText(all.length === 0), hasMore, () =>
      this.#showMoreLocal(all),
    );
  }

  #emptyText(isEmpty: boolean): string | undefined {
    if (!this.selected.length) return this.t.noKinds;
    if (!isEmpty) return undefined;
    return this.selected.length === TIMELINE_KINDS.length ? this.t.emptyRecord : this.t.emptyFilter;
  }

  #renderRemote(): TemplateResult | typeof nothing {
    if (!this.patientId) return renderEmpty(this.t.emptyRecord);
    return this.#task.render({
      initial: () => renderLoading(this.t),
      pending: () => renderLoading(this.t),
      complete: (first) => {
        if (!first) return renderEmpty(this.t.emptyRecord);
        const entries = [...first.entries, ...this.more];
        const hasMore = this.more.length ? this.moreCursor !== undefined : first.hasMore;
        return this.#renderTimeline(
          entries,
          this.#emptyText(entries.length === 0 && !hasMore),
          hasMore,
          () => this.#showMoreRemote(first),
        );
      },
      error: (error) =>
        isNotFound(error)
          ? renderNotFound(this.t)
          : renderError(this.t, error, () => void this.#task.run()),
    });
  }

  #renderTimeline(
    entries: TimelineEntry[],
    empty: string | undefined,
    hasMore: boolean,
    onMore: () => void,
  ): TemplateResult {
    if (empty !== undefined) return renderEmpty(empty);
    const days = groupByDay(entries);
    const loadingMore = this.moreStatus === 'loading';
    return html`<ol class="days" part="timeline" aria-labelledby="title">
        ${repeat(
          days,
          (d) => d.day ?? '',
          (d) =>
            html`<li class="day" part="day">
              <div
                class="day-heading"
                part="day-heading"
                role="heading"
                aria-level=${this.#level + 1}
              >
                ${
                  d.day
                    ? html`<time datetime=${d.day}>${this.format.date(d.day)}</time>`
                    : this.t.undated
                }
                <span class="vnh-sr-only">, ${this.t.entries(d.entries.length)}</span>
              </div>
              <ul class="entries">
                ${repeat(
                  d.entries,
                  (e) => e.key,
                  (e) => this.#renderEntry(e),
                )}
              </ul>
            </li>`,
        )}
      </ol>
      ${
        this.moreStatus === 'error'
          ? html`<p class="more-error" part="more-error">${this.t.moreFailed}</p>`
          : nothing
      }
      ${
        hasMore
          ? html`<div class="more-row">
              <button
                type="button"
                class="vnh-button more"
                part="more"
                ?disabled=${loadingMore}
                aria-disabled=${loadingMore ? 'true' : 'false'}
                @click=${onMore}
              >
                ${loadingMore ? this.t.loadingMore : this.moreStatus === 'error' ? this.t.retry : this.t.showMore}
              </button>
            </div>`
          : nothing
      }`;
  }

  #statusText(entry: TimelineEntry): string | undefined {
    const key = entry.status ? STATUS_LABEL[entry.kind]?.[entry.status] : undefined;
    return key ? (this.t[key] as string) : undefined;
  }

  #vitalValue(entry: TimelineEntry): string {
    const v = entry.vital;
    if (!v) return '';
    const n = (x: number) => this.format.number(x, { maximumFractionDigits: 1 });
    const unit = v.unit === '/min' ? this.t.perMinute : (UNIT_LABEL[v.unit] ?? v.unit);
    const value = v.diastolic !== undefined ? `${n(v.value)}/${n(v.diastolic)}` : n(v.value);
    return `${value} ${unit}`.trim();
  }

  #renderEntry(entry: TimelineEntry): TemplateResult {
    const kindLabel = this.t[KIND_LABEL[entry.kind]] as string;
    const title = entry.vital ? (this.t[VITAL_LABEL[entry.vital.kind]] as string) : entry.title;
    const status = this.#statusText(entry);
    const time = formatRecordedTime(entry.date, { timeZone: this.timeZone });
    return html`<li
      class="entry"
      part="entry entry-${entry.kind}"
      data-kind=${entry.kind}
      data-key=${entry.key}
      tabindex="-1"
    >
      <span class="kind" part="kind">${kindLabel}</span>
      <div class="main">
        <p class="entry-title" part="entry-title">
          <bdi>${title || this.t.notRecorded}</bdi>${
            entry.code && !entry.vital
              ? html` <span class="code">(<bdi>${entry.code}</bdi>)</span>`
              : nothing
          }
        </p>
        ${
          entry.vital
            ? html`<p class="value" part="value"><bdi>${this.#vitalValue(entry)}</bdi></p>`
            : nothing
        }
        ${entry.detail ? html`<p class="detail"><bdi>${entry.detail}</bdi></p>` : nothing}
      </div>
      <div class="meta">
        ${time ? html`<time datetime=${entry.date ?? ''}>${time}</time>` : nothing}
        ${
          status
            ? html`<span class="status" part="status" data-status=${entry.status ?? ''}
                >${status}</span
              >`
            : nothing
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-health-record-summary': VnhHealthRecordSummary;
  }
}
