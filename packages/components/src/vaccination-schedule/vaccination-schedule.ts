import { html, nothing, type TemplateResult } from 'lit';
import { formatName } from '@vnhealth/core';
import type { ScheduleEvaluation, Visit } from '@vnhealth/core/schedule';
import {
  isNotFound,
  renderEmpty,
  renderError,
  renderLiveRegion,
  renderLoading,
  renderNotFound,
} from '../shared/states.ts';
import { TaskStatus } from '../shared/task.ts';
import {
  VaccinationElement,
  type VaccinationData,
} from '../vaccination-history/vaccination-data.ts';
import { messages } from './vaccination-schedule.i18n.ts';
import { styles } from './vaccination-schedule.styles.ts';

/**
 * A patient's coming vaccination appointments by age ("2 tháng", "3 tháng", …): for parents,
 * what to bring the child for, and when; for adults, what Vietnam's adult schedule still
 * recommends. Doses already due or overdue are grouped first under "Cần tiêm ngay"; doses on a
 * schedule row not checked against its source say "chưa đối chiếu" and never make a visit
 * overdue. Built on the same schedule engine (and schedule chosen by age) as
 * `<vnh-vaccination-history>`.
 *
 * Give `patient-id` to load through the provider's client, or `.patient` + `.immunizations`.
 *
 * @customElement vnh-vaccination-schedule
 * @summary When the patient's next vaccinations are due.
 *
 * @csspart base - The outer section.
 * @csspart visits - The list of appointments.
 * @csspart visit - One appointment.
 * @csspart badge - The due/overdue/upcoming badge.
 * @csspart empty - The empty state (nothing left to give).
 * @csspart not-found - The not-found state (no such patient).
 * @csspart error - The error state.
 * @csspart retry - The Retry button.
 * @csspart loading - The loading skeleton.
 *
 * @cssprop [--vnh-vaccination-schedule-gap=var(--vnh-space-3)] - Space between appointments.
 */
export class VnhVaccinationSchedule extends VaccinationElement<typeof messages.vi> {
  static override styles = styles;
  protected readonly translations = messages;

  protected override render(): TemplateResult {
    if (this.hasLocalData) {
      if (this.engineError) {
        const retry = () => this.retryEngine();
        return this.renderFrame(
          undefined,
          renderError(this.t, this.engineError, retry),
          this.t.errorTitle,
        );
      }
      if (!this.engineReady()) {
        return this.renderFrame(undefined, renderLoading(this.t), this.t.loading);
      }
      return this.renderFrame({ patient: this.patient!, immunizations: this.immunizations! });
    }
    if (!this.patientId) return this.renderFrame(undefined, renderEmpty(this.t.empty), '');
    // Not loaded yet (a server render, before the first update): the skeleton of the first update.
    const loading = () => this.renderFrame(undefined, renderLoading(this.t), this.t.loading);
    return this.loader.render({
      initial: loading,
      pending: loading,
      complete: (data) => this.renderFrame(data, data ? undefined : renderEmpty(this.t.empty)),
      error: (error) =>
        this.renderFrame(
          undefined,
          isNotFound(error)
            ? renderNotFound(this.t, this.t.notFoundPatient)
            : renderError(this.t, error, () => void this.loader.run()),
          this.t.errorTitle,
        ),
    });
  }

  private renderFrame(
    data: VaccinationData | undefined,
    body?: TemplateResult,
    announcement?: string,
  ): TemplateResult {
    const ev = data ? this.evaluate(data) : undefined;
    const visits = ev ? this.engine!.upcomingVisits(ev) : [];
    const live =
      this.loader.status === TaskStatus.PENDING && !this.hasLocalData
        ? this.t.loading
        : (announcement ?? (ev ? this.t.loaded(visits.length) : ''));
    const name = data ? formatName(data.patient.name) : '';
    const title = data && !this.isAdult(data.patient) ? this.t.titleChild : this.t.title;
    return html`<section class="base" part="base" aria-labelledby="title">
      ${renderLiveRegion(live)}
      <h2 id="title" class="title">${title}${name ? html` — ${name}` : nothing}</h2>
      ${
        data
          ? html`<p class="as-of">${this.words.asOfNote(this.format.date(this.evaluationDate))}</p>`
          : nothing
      }
      ${body ?? (data ? this.renderVisits(ev, visits, this.isAdult(data.patient)) : nothing)}
    </section>`;
  }

  private renderVisits(
    ev: ScheduleEvaluation | undefined,
    visits: Visit[],
    adult: boolean,
  ): TemplateResult {
    if (!ev) return renderEmpty(this.t.noBirthDate);
    if (!visits.length)
      return renderEmpty(adult ? this.t.nothingLeftAdult : this.t.nothingLeftChild);
    const anyUnverified = visits.some((v) => v.doses.some((d) => !d.verified));
    return html`<ol class="visits" part="visits" aria-label=${this.t.visits}>
        ${visits.map((v) => {
          const now = v.status !== 'upcoming';
          const status = visitStatus(v);
          const heading = now
            ? this.t.now
            : (this.scheduleAgeText(v.recommendedAge) ?? this.ageText(ev.birthDate, v.date));
          return html`<li
            class="visit due-${status}"
            part="visit"
            data-due=${status}
            data-date=${v.date}
          >
            <div class="visit-head">
              <h3 class="visit-age">${heading}</h3>
              <span class="visit-date">${this.t.visitOn(this.format.date(v.date))}</span>
              <span class="badge due-${status}" part="badge">${this.dueLabel(status)}</span>
            </div>
            <ul class="doses">
              ${v.doses.map(
                (d) =>
                  html`<li data-antigen=${d.vaccineGroup} data-verified=${String(d.verified)}>
                    ${this.t.doseOf(d.vaccineGroupName[this.locale], d.label?.[this.locale] ?? this.words.doseN(d.doseNumber))}${d.verified ? '' : ` (${this.t.unverifiedDose})`}
                  </li>`,
              )}
            </ul>
          </li>`;
        })}
      </ol>
      ${anyUnverified ? html`<p class="note">${this.unverifiedWords(ev.birthDate).hint}</p>` : nothing}`;
  }
}

/** A visit's badge: the most urgent of its checked doses; "unverified" when none is checked. */
function visitStatus(v: Visit): Visit['status'] | 'unverified' {
  const checked = v.doses.filter((d) => d.verified);
  if (!checked.length) return 'unverified';
  return checked.some((d) => d.due === 'overdue')
    ? 'overdue'
    : checked.some((d) => d.due === 'due')
      ? 'due'
      : 'upcoming';
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-vaccination-schedule': VnhVaccinationSchedule;
  }
}
