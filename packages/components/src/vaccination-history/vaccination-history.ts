import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { formatName, type Immunization, type Patient } from '@vnhealth/core';
import type {
  DoseForecast,
  DoseStatus,
  EvaluationReasonCode,
  ForecastStatus,
  GroupDose,
  NotDoneRecord,
  ScheduleEvaluation,
  VaccineGroupForecast,
} from '@vnhealth/core/schedule';
import {
  isNotFound,
  renderEmpty,
  renderError,
  renderLiveRegion,
  renderLoading,
  renderNotFound,
} from '../shared/states.ts';
import { TaskStatus } from '../shared/task.ts';
import { VaccinationElement, type VaccinationData } from './vaccination-data.ts';
import { messages } from './vaccination-history.i18n.ts';
import { styles } from './vaccination-history.styles.ts';
import {
  ChunkedSections,
  CollapsedRows,
  LATEST_ROWS,
  memo,
  PrintWatch,
} from './vaccination-rows.ts';

/** What `vnh-dose-select` carries. */
export interface VaccinationDoseSelectDetail {
  /** The Immunization resource of the row. */
  readonly immunization: Immunization;
  /** The schedule's vaccine group the row is listed under (undefined for "other vaccines"). */
  readonly antigenId: string | undefined;
  /** The engine's evaluation of the dose in that group (undefined for "other vaccines" and not-done rows). */
  readonly evaluation: GroupDose | undefined;
}

/** Fired when a dose row is activated (click, Enter or Space). Bubbles and is composed. */
export class VaccinationDoseSelectEvent extends Event {
  static readonly eventName = 'vnh-dose-select' as const;
  /** The dose: its Immunization, antigen and evaluation. */
  readonly detail: VaccinationDoseSelectDetail;
  constructor(detail: VaccinationDoseSelectDetail) {
    super(VaccinationDoseSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** Why a dose does not count, in the element's words (reasons that do not invalidate are not listed). */
const REASON_KEYS = {
  'too-young': 'reasonTooEarly',
  'too-soon': 'reasonTooSoon',
  'too-old': 'reasonTooLate',
  expired: 'reasonExpired',
  'sub-potent': 'reasonSubpotent',
  'vaccine-conflict': 'reasonLive',
  'not-allowable': 'reasonNotAllowable',
  inadvertent: 'reasonNotAllowable',
} as const satisfies Partial<Record<EvaluationReasonCode, keyof typeof messages.vi>>;

/** The row status the element styles (`status-invalid`, `data-status="extra"`…). */
const ROW_STATUS = {
  valid: 'valid',
  'not-valid': 'invalid',
  'sub-standard': 'invalid',
  extraneous: 'extra',
} as const satisfies Record<DoseStatus, string>;

/** A group's status word: a series not complete yet is "in progress" once a dose counts. */
type GroupStatus =
  Exclude<ForecastStatus, 'not-complete'> | 'in-progress' | 'not-started' | 'recorded-only';

const STATUS_KEYS = {
  complete: 'statusComplete',
  'in-progress': 'statusInProgress',
  'not-started': 'statusNotStarted',
  contraindicated: 'statusContraindicated',
  immune: 'statusImmune',
  'aged-out': 'statusAgedOut',
  'not-recommended': 'statusNotRecommended',
  'recorded-only': 'statusRecordedOnly',
} as const satisfies Record<GroupStatus, keyof typeof messages.vi>;

/**
 * Whether a vaccine group gets a section: it has a dose or a not-done record, a dose to give, or
 * a status to know (immune, contraindicated). Groups aged out with nothing recorded are listed
 * in one line instead; history-only groups with nothing recorded have nothing to show.
 */
function isShown(g: VaccineGroupForecast): boolean {
  return (
    g.doses.length > 0 ||
    g.notDone.length > 0 ||
    g.next !== undefined ||
    g.status === 'immune' ||
    g.status === 'contraindicated'
  );
}

function groupStatus(g: VaccineGroupForecast, recordedOnly: boolean): GroupStatus {
  if (recordedOnly) return 'recorded-only';
  if (g.status !== 'not-complete') return g.status;
  return g.doses.some((d) => d.status === 'valid') ? 'in-progress' : 'not-started';
}

/** A dose row: an evaluated dose or a not-done record. */
type Row = { dose: GroupDose; notDone?: undefined } | { dose?: undefined; notDone: NotDoneRecord };

function rowsOf(g: VaccineGroupForecast): Row[] {
  const rows: Row[] = [
    ...g.doses.map((dose) => ({ dose })),
    ...g.notDone.map((notDone) => ({ notDone })),
  ];
  const date = (r: Row) => r.dose?.date ?? r.notDone!.date;
  return rows.sort((a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0));
}

/**
 * The dose a not-done record was for: `protocolApplied.doseNumber` as recorded, else the dose
 * that was next in the group on that day (valid doses before it + 1); undefined past the series.
 */
function notDoneDose(g: VaccineGroupForecast, record: NotDoneRecord): number | undefined {
  const applied = record.immunization.protocolApplied ?? [];
  const recorded =
    applied.find((p) => p.doseNumberPositiveInt)?.doseNumberPositiveInt ??
    Number(applied.find((p) => /^\d+$/.test(p.doseNumberString ?? ''))?.doseNumberString);
  if (recorded && Number.isInteger(recorded) && recorded > 0) return recorded;
  const n = g.doses.filter((d) => d.status === 'valid' && d.date < record.date).length + 1;
  return n <= g.seriesLength ? n : undefined;
}

/** The vaccine as recorded (`text`), else the schedule's name for its code, else the code's display. */
function productOf(imm: Immunization, scheduleName?: string): string {
  return (
    imm.vaccineCode?.text ??
    scheduleName ??
    imm.vaccineCode?.coding?.find((c) => c.display)?.display ??
    imm.vaccineCode?.coding?.[0]?.code ??
    ''
  );
}

function facilityOf(imm: Immunization): string {
  return (
    imm.location?.display ??
    imm.performer?.find((p) => p.actor?.reference?.startsWith('Organization/'))?.actor?.display ??
    imm.performer?.find((p) => p.actor?.display)?.actor?.display ??
    ''
  );
}

/**
 * A patient's vaccination history against Vietnam's schedule for their age (the TCMR for
 * children under 16, the adult schedule after): doses given per disease with date, age,
 * vaccine, lot and facility; invalid doses marked with why; the next dose with an overdue, due
 * or upcoming badge, or "chưa đối chiếu" when the schedule row is not checked against its
 * source (never overdue, never counted); diseases aged out without a dose listed in one line; a
 * printable view shaped like the immunisation record book (sổ tiêm chủng).
 *
 * Give `patient-id` to load through the provider's client, or `.patient` + `.immunizations` to
 * render without network. `as-of` evaluates on another day (what-if); `.schedule` replaces the
 * schedule chosen by age.
 *
 * @customElement vnh-vaccination-history
 * @summary What a patient has been given, what is due and what is overdue.
 *
 * @fires {VaccinationDoseSelectEvent} vnh-dose-select - A dose row was activated; `detail` has
 * `immunization`, `antigenId` and `evaluation`.
 *
 * @csspart base - The outer section.
 * @csspart header - Title, child and summary.
 * @csspart summary - The counts of doses given, overdue and due.
 * @csspart antigen - One disease/antigen section.
 * @csspart table - A table of doses.
 * @csspart row - A dose row.
 * @csspart dose-button - The button that selects a dose row.
 * @csspart badge - Any status badge.
 * @csspart next - The row of the next dose.
 * @csspart show-all - The button that shows every dose of a long group (or only the latest).
 * @csspart aged-out - The line naming the diseases aged out with no dose recorded.
 * @csspart book - The record-book (print) view.
 * @csspart compact-list - The list in compact mode.
 * @csspart empty - The empty state.
 * @csspart not-found - The not-found state (no such patient).
 * @csspart error - The error state.
 * @csspart retry - The Retry button.
 * @csspart loading - The loading skeleton.
 *
 * @cssprop [--vnh-vaccination-history-gap=var(--vnh-space-4)] - Space between sections.
 * @cssprop [--vnh-vaccination-history-overdue=var(--vnh-color-danger)] - Colour of overdue marks.
 */
export class VnhVaccinationHistory extends VaccinationElement<typeof messages.vi> {
  static override properties: PropertyDeclarations = {
    compact: { type: Boolean, reflect: true },
    printView: { type: Boolean, reflect: true, attribute: 'print-view' },
  };

  static override styles = styles;
  protected readonly translations = messages;

  /** A short summary for a portal sidebar: next doses only. */
  compact = false;

  /** Show the record-book view on screen (it is always the printed view). */
  printView = false;

  /** Long groups: their latest rows, or all of them (see vaccination-rows.ts). */
  readonly #collapsed = new CollapsedRows(this);
  /** A long history's sections, a chunk per frame after the first rows. */
  readonly #sections = new ChunkedSections(this);
  /** Per group of the memoised evaluation its sorted rows; per row its template in the words used. */
  readonly #memo = new WeakMap<object, [unknown, unknown]>();
  /** The record book is rendered while it is shown: `print-view`, or while the page prints. */
  readonly #print = new PrintWatch(this, () => {
    this.requestUpdate();
    this.performUpdate();
  });

  /** Resolves when the element has rendered, every section of a long history included. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let next = this.#sections.pending; next; next = this.#sections.pending) {
      await next;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override render(): TemplateResult {
    if (this.hasLocalData) {
      if (this.engineError) {
        const retry = () => this.retryEngine();
        return this.renderFrame(
          undefined,
          this.t.errorTitle,
          renderError(this.t, this.engineError, retry),
        );
      }
      if (!this.engineReady()) {
        return this.renderFrame(undefined, this.t.loading, renderLoading(this.t));
      }
      const data = { patient: this.patient!, immunizations: this.immunizations! };
      return this.renderFrame(data, this.t.loaded(data.immunizations.length));
    }
    if (!this.patientId) return this.renderFrame(undefined, '', renderEmpty(this.t.empty));
    // Not loaded yet (a server render, before the first update): the skeleton of the first update.
    const loading = () => this.renderFrame(undefined, this.t.loading, renderLoading(this.t));
    return this.loader.render({
      initial: loading,
      pending: loading,
      complete: (data) =>
        data
          ? this.renderFrame(data, this.t.loaded(data.immunizations.length))
          : this.renderFrame(undefined, '', renderEmpty(this.t.empty)),
      error: (error) =>
        this.renderFrame(
          undefined,
          this.t.errorTitle,
          isNotFound(error)
            ? renderNotFound(this.t, this.t.notFoundPatient)
            : renderError(this.t, error, () => void this.loader.run()),
        ),
    });
  }

  private renderFrame(
    data: VaccinationData | undefined,
    announcement: string,
    body?: TemplateResult,
  ): TemplateResult {
    const evaluation = data ? this.evaluate(data) : undefined;
    return html`<section class="base" part="base" aria-labelledby="title">
      ${renderLiveRegion(
        this.loader.status === TaskStatus.PENDING && !this.hasLocalData
          ? this.t.loading
          : announcement,
      )}
      <header class="header screen" part="header">
        <h2 id="title" class="title">${this.t.title}</h2>
        ${data ? this.renderChild(data.patient) : nothing}
        ${evaluation ? this.renderSummary(evaluation) : nothing}
      </header>
      ${body ?? (data ? this.renderBody(data, evaluation) : nothing)}
    </section>`;
  }

  private renderChild(patient: Patient): TemplateResult {
    const name = formatName(patient.name);
    return html`<p class="child">
      ${name ? html`<span class="child-name">${name}</span>` : nothing}
      ${
        patient.birthDate
          ? html`<span>${this.words.birthDate}: ${this.format.date(patient.birthDate)}</span>`
          : nothing
      }
      <span class="as-of">${this.words.asOfNote(this.format.date(this.evaluationDate))}</span>
    </p>`;
  }

  private renderSummary(ev: ScheduleEvaluation): TemplateResult {
    const given = new Set(ev.doses.map((d) => d.immunization)).size + ev.unmatched.length;
    const next = ev.forecasts.flatMap((g) => (g.next ? [this.shownDue(g.next)] : []));
    const count = (due: string) => next.filter((d) => d === due).length;
    return html`<p class="summary" part="summary">
      ${this.t.summary(given, count('overdue'), count('due'), count('unverified'))}
    </p>`;
  }

  private renderBody(data: VaccinationData, ev: ScheduleEvaluation | undefined): TemplateResult {
    if (!ev) return renderEmpty(this.t.noBirthDate);
    if (this.compact) return this.renderCompact(ev, data.patient);
    const anyDose =
      ev.forecasts.some((g) => g.doses.length > 0 || g.notDone.length > 0) ||
      ev.unmatched.length > 0;
    const shown = ev.forecasts.filter(isShown);
    const agedOut = ev.forecasts.filter((g) => !isShown(g) && g.status === 'aged-out');
    // The rows each section puts in the DOM (collapsed groups their latest), "other" last.
    const sizes = shown.map(
      (g) => Math.min(g.doses.length + g.notDone.length, LATEST_ROWS) + (g.next ? 1 : 0),
    );
    if (ev.unmatched.length) sizes.push(Math.min(ev.unmatched.length, LATEST_ROWS));
    // Hydration renders the server's template, which has every section.
    const now = this.hydrating ? sizes.length : this.#sections.take(ev, sizes);
    const all = now === sizes.length;
    return html`<div class="screen">
        ${anyDose ? nothing : renderEmpty(this.t.emptyNewborn)}
        ${shown.slice(0, now).map((g) => this.renderAntigen(g, ev.birthDate))}
        ${all && ev.unmatched.length ? this.renderOther(ev.unmatched, ev.birthDate) : nothing}
        ${
          all && agedOut.length
            ? html`<p class="aged-out" part="aged-out">
                ${this.t.agedOut(this.format.list(agedOut.map((g) => g.name[this.locale])))}
              </p>`
            : nothing
        }
      </div>
      ${this.printView || this.#print.printing ? this.renderBook(data, ev) : nothing}`;
  }

  private renderCompact(ev: ScheduleEvaluation, patient: Patient): TemplateResult {
    const rank = { overdue: 0, due: 1, upcoming: 2, unverified: 3 } as const;
    const next = ev.forecasts
      .filter((g) => g.next)
      .sort(
        (a, b) =>
          rank[this.shownDue(a.next!)] - rank[this.shownDue(b.next!)] ||
          (a.next!.recommendedDate < b.next!.recommendedDate ? -1 : 1),
      );
    if (!next.length) {
      return renderEmpty(this.isAdult(patient) ? this.t.allUpToDateAdult : this.t.allUpToDateChild);
    }
    return html`<ul class="compact-list screen" part="compact-list">
      ${next.map(
        (a) =>
          html`<li data-antigen=${a.vaccineGroup} data-due=${this.shownDue(a.next!)}>
            <span class="compact-name">${a.name[this.locale]}</span>
            ${this.renderDueBadge(a.next!)}
            <span class="compact-date">${this.plannedDate(a.next!)}</span>
          </li>`,
      )}
    </ul>`;
  }

  /** The due badge: "Quá hạn", "Đến hạn", "Sắp tới", or "Chưa đối chiếu" for unverified rows. */
  private renderDueBadge(f: DoseForecast): TemplateResult {
    const due = this.shownDue(f);
    return html`<span class="badge due-${due}" part="badge">${this.dueLabel(due)}</span>`;
  }

  /** The day a forecast dose is planned for, or "Có thể tiêm ngay" when due with no end. */
  private plannedDate(f: DoseForecast): string {
    return this.isOpenEnded(f) ? this.words.dueNow : this.format.date(f.recommendedDate);
  }

  private doseName(group: VaccineGroupForecast, targetDose: number | undefined): string {
    if (targetDose === undefined) return '';
    return (
      this.doseLabel(group.vaccineGroup, targetDose)?.[this.locale] ?? this.words.doseN(targetDose)
    );
  }

  private resultText(row: Row): string {
    if (row.notDone)
      return row.notDone.reason ? this.t.notDoneBecause(row.notDone.reason) : this.t.notDone;
    const d = row.dose;
    if (d.status === 'valid') return this.t.valid;
    if (d.status === 'extraneous') return this.t.extra;
    const words = d.reasons.flatMap((r) =>
      r.code in REASON_KEYS ? [this.t[REASON_KEYS[r.code as keyof typeof REASON_KEYS]]] : [],
    );
    return `${this.t.invalid}: ${words.join('; ')}`;
  }

  private select(
    imm: Immunization,
    antigenId: string | undefined,
    evaluation: GroupDose | undefined,
  ): void {
    const event = new VaccinationDoseSelectEvent({ immunization: imm, antigenId, evaluation });
    this.dispatchEvent(event);
  }

  private onDoseKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.dose-button')];
    const i = buttons.indexOf(event.currentTarget as HTMLButtonElement);
    const next = buttons[event.key === 'ArrowDown' ? i + 1 : i - 1];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  private renderHead(): TemplateResult {
    // Explicit roles: under the stacked layout (display: block) some browsers drop table semantics.
    return html`<thead>
      <tr role="row">
        <th scope="col" role="columnheader">${this.t.colDose}</th>
        <th scope="col" role="columnheader">${this.t.colDate}</th>
        <th scope="col" role="columnheader">${this.t.colAge}</th>
        <th scope="col" role="columnheader">${this.t.colProduct}</th>
        <th scope="col" role="columnheader">${this.t.colLot}</th>
        <th scope="col" role="columnheader">${this.t.colFacility}</th>
        <th scope="col" role="columnheader">${this.t.colResult}</th>
      </tr>
    </thead>`;
  }

  private renderDoseRow(
    row: Row,
    antigenId: string | undefined,
    birthDate: string,
    label: string,
  ): TemplateResult {
    const imm = row.dose?.immunization ?? row.notDone!.immunization;
    const date = row.dose?.date ?? row.notDone!.date;
    const status = row.dose ? ROW_STATUS[row.dose.status] : 'not-done';
    const t = this.t;
    const product = productOf(imm, this.vaccineOf(row.dose?.vaccine)?.name?.[this.locale]);
    return html`<tr
      role="row"
      class="row status-${status}"
      part="row"
      data-status=${status}
      data-id=${imm.id ?? ''}
    >
      <td role="cell">
        <button
          type="button"
          class="dose-button"
          part="dose-button"
          @click=${() => this.select(imm, antigenId, row.dose)}
          @keydown=${this.onDoseKey}
        >
          ${label}
        </button>
      </td>
      <td role="cell" data-label=${t.colDate}>${this.format.date(date)}</td>
      <td role="cell" data-label=${t.colAge}>${this.ageText(birthDate, date)}</td>
      <td role="cell" data-label=${t.colProduct}>${product}</td>
      <td role="cell" data-label=${t.colLot} class="lot">${imm.lotNumber ?? ''}</td>
      <td role="cell" data-label=${t.colFacility}>${facilityOf(imm)}</td>
      <td role="cell" data-label=${t.colResult} class="result">${this.resultText(row)}</td>
    </tr>`;
  }

  private renderAntigen(a: VaccineGroupForecast, birthDate: string): TemplateResult {
    const id = `ag-${a.vaccineGroup}`;
    const next = a.next;
    const recordedOnly = this.isRecordedOnly(a.vaccineGroup);
    const status = groupStatus(a, recordedOnly);
    const unverified = !a.verified && !recordedOnly;
    const rows = memo(this.#memo, a, 0, () => rowsOf(a));
    const t = this.t;
    const { older, latest, toggle } = this.#collapsed.split(a.vaccineGroup, rows, t);
    const row = (r: Row) =>
      memo(this.#memo, r, t, () =>
        this.renderDoseRow(
          r,
          a.vaccineGroup,
          birthDate,
          r.notDone
            ? this.doseName(a, notDoneDose(a, r.notDone)) || t.notDone
            : (r.dose.status !== 'extraneous' && this.doseName(a, r.dose.targetDose)) || t.extra,
        ),
      );
    return html`<section
      class="antigen"
      part="antigen"
      data-antigen=${a.vaccineGroup}
      data-status=${status}
      aria-labelledby=${id}
    >
      <div class="antigen-head">
        <h3 id=${id} class="antigen-name">${a.name[this.locale]}</h3>
        <span class="badge status-${status}" part="badge">${this.t[STATUS_KEYS[status]]}</span>
        ${next ? this.renderDueBadge(next) : nothing}
        ${unverified ? html`<span class="unverified">${this.unverifiedWords(birthDate).badge}</span>` : nothing}
      </div>
      ${toggle}
      ${
        rows.length || next
          ? html`<div class="table-wrap">
              <table part="table" role="table">
                <caption class="vnh-sr-only">
                  ${a.name[this.locale]}
                </caption>
                ${this.renderHead()}
                <tbody>
                  ${older.map(row)}${latest.map(row)}
                  ${next ? this.renderNextRow(a, next) : nothing}
                </tbody>
              </table>
            </div>`
          : nothing
      }
      ${unverified ? html`<p class="unverified-hint">${this.unverifiedWords(birthDate).hint}</p>` : nothing}
    </section>`;
  }

  private renderNextRow(a: VaccineGroupForecast, f: DoseForecast): TemplateResult {
    const due = this.shownDue(f);
    const date = this.format.date(f.recommendedDate);
    const when =
      due === 'unverified'
        ? f.due === 'upcoming'
          ? this.words.dueOn(date)
          : this.words.askHealthWorker
        : due === 'overdue'
          ? this.words.overdueSince(this.format.date(f.overdueDate))
          : due === 'due'
            ? this.isOpenEnded(f)
              ? this.words.dueNow
              : this.words.dueFrom(date)
            : this.words.dueOn(date);
    const vaccine = this.vaccineOf(f.recommendedVaccines[0]);
    const t = this.t;
    const open = this.isOpenEnded(f);
    const planned = open ? this.words.dueNow : html`${t.planned}: ${date}`;
    const age = open ? '' : (this.scheduleAgeText(f.recommendedAge) ?? '');
    const product = vaccine?.name?.[this.locale] ?? vaccine?.display ?? '';
    return html`<tr role="row" class="next due-${due}" part="row next" data-due=${due}>
      <th scope="row" role="rowheader">${this.doseName(a, f.targetDose)}</th>
      <td role="cell" data-label=${t.colDate}>${planned}</td>
      <td role="cell" data-label=${t.colAge}>${age}</td>
      <td role="cell" data-label=${t.colProduct}>${product}</td>
      <td role="cell"></td>
      <td role="cell"></td>
      <td role="cell" data-label=${t.colResult} class="result">
        ${this.renderDueBadge(f)} ${when}
      </td>
    </tr>`;
  }

  private renderOther(unmatched: Immunization[], birthDate: string): TemplateResult {
    const t = this.t;
    const { older, latest, toggle } = this.#collapsed.split('other', unmatched, t);
    const row = (imm: Immunization) =>
      memo(this.#memo, imm, t, () => {
        const date = imm.occurrenceDateTime ?? imm.occurrenceString;
        return html`<tr role="row" class="row" part="row" data-id=${imm.id ?? ''}>
          <td role="cell">
            <button
              type="button"
              class="dose-button"
              part="dose-button"
              @click=${() => this.select(imm, undefined, undefined)}
              @keydown=${this.onDoseKey}
            >
              ${productOf(imm) || this.t.extra}
            </button>
          </td>
          <td role="cell" data-label=${t.colDate}>${this.format.date(date)}</td>
          <td role="cell" data-label=${t.colAge}>${this.ageText(birthDate, date)}</td>
          <td role="cell" data-label=${t.colProduct}>${productOf(imm)}</td>
          <td role="cell" data-label=${t.colLot} class="lot">${imm.lotNumber ?? ''}</td>
          <td role="cell" data-label=${t.colFacility}>${facilityOf(imm)}</td>
          <td role="cell" class="result"></td>
        </tr>`;
      });
    return html`<section
      class="antigen"
      part="antigen"
      data-antigen="other"
      aria-labelledby="ag-other"
    >
      <div class="antigen-head">
        <h3 id="ag-other" class="antigen-name">${this.t.otherVaccines}</h3>
        <span class="badge" part="badge">${this.t.unscheduled}</span>
      </div>
      ${toggle}
      <div class="table-wrap">
        <table part="table" role="table">
          <caption class="vnh-sr-only">
            ${this.t.otherVaccines}
          </caption>
          ${this.renderHead()}
          <tbody>
            ${older.map(row)}${latest.map(row)}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** The record-book view: one row per schedule line, one column per dose. */
  private renderBook(data: VaccinationData, ev: ScheduleEvaluation): TemplateResult {
    const forecasts = ev.forecasts.filter(isShown);
    const columns = Math.max(1, ...forecasts.map((g) => g.seriesLength));
    const adult = this.isAdult(data.patient);
    const gender = data.patient.gender;
    const sex =
      gender === 'male'
        ? this.t.sexMale
        : gender === 'female'
          ? this.t.sexFemale
          : gender
            ? this.t.sexOther
            : '';
    return html`<div class="book" part="book">
      <h2 class="book-title" id="book-title">${this.t.bookTitle}</h2>
      <p class="book-subtitle">${adult ? this.t.bookSubtitleAdult : this.t.bookSubtitleChild}</p>
      <dl class="book-child">
        <div>
          <dt>${adult ? this.t.nameAdult : this.t.nameChild}</dt>
          <dd>${formatName(data.patient.name)}</dd>
        </div>
        <div>
          <dt>${this.words.birthDate}</dt>
          <dd>${this.format.date(data.patient.birthDate)}${sex ? ` · ${sex}` : ''}</dd>
        </div>
        <div>
          <dt>${this.words.asOfNote('').trim()}</dt>
          <dd>${this.format.date(this.evaluationDate)}</dd>
        </div>
      </dl>
      <!-- One row per disease and a column per dose: on a phone it scrolls, by touch or by keys. -->
      <div class="table-wrap book-wrap" role="region" aria-labelledby="book-title" tabindex="0">
        <table class="book-table">
          <caption class="vnh-sr-only">
            ${this.t.bookTitle}
          </caption>
          <thead>
            <tr>
              <th scope="col">${this.t.colProduct}</th>
              ${Array.from({ length: columns }, (_, i) => html`<th scope="col">${this.words.doseN(i + 1)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${forecasts.map((a) => {
              const valid = new Map(
                a.doses.filter((d) => d.status === 'valid').map((d) => [d.targetDose, d]),
              );
              return html`<tr data-antigen=${a.vaccineGroup}>
                <th scope="row">
                  ${a.name[this.locale]}${a.verified || this.isRecordedOnly(a.vaccineGroup) ? '' : ' *'}
                </th>
                ${Array.from({ length: columns }, (_, i) => {
                  const n = i + 1;
                  const given = valid.get(n);
                  if (given) {
                    return html`<td class="book-given">
                      ${this.format.date(given.date)}${given.immunization.lotNumber ? html`<br /><small>${given.immunization.lotNumber}</small>` : nothing}
                    </td>`;
                  }
                  const planned = a.remaining.find((f) => f.targetDose === n);
                  if (planned) {
                    return html`<td class="book-planned due-${this.shownDue(planned)}">
                      ${this.isOpenEnded(planned) ? this.words.dueNow : this.words.dueOn(this.format.date(planned.recommendedDate))}
                    </td>`;
                  }
                  const exists = a.seriesLength >= n;
                  return html`<td class=${exists ? 'book-empty' : 'book-none'}>
                    ${a.skipped.includes(n) ? '—' : ''}
                  </td>`;
                })}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${forecasts.some((a) => !a.verified) ? html`<p class="book-note">* ${this.unverifiedWords(data.patient.birthDate).hint}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-vaccination-history': VnhVaccinationHistory;
  }
  interface GlobalEventHandlersEventMap {
    'vnh-dose-select': VaccinationDoseSelectEvent;
  }
}
