import { html, isServer, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import {
  isSlotUnavailableError,
  type Appointment,
  type AppointmentList,
  type AppointmentSummary,
  type FreeSlot,
} from '@vnhealth/core';
import { addDays, ictToday } from '@vnhealth/core/telemedicine';
import { VnhElement } from '../shared/element.ts';
import {
  MissingClientError,
  errorMessage,
  renderEmpty,
  renderError,
  renderLiveRegion,
  renderLoading,
} from '../shared/states.ts';
import { Task, TaskStatus } from '../shared/task.ts';
import { messages } from './appointment-list.i18n.ts';
import { styles } from './appointment-list.styles.ts';

/** Minutes before the start that the join button is enabled. */
export const JOIN_OPENS_MINUTES_BEFORE = 15;

/** `vnh-join`: the person joins a video visit. Cancelable: `preventDefault()` stops opening `url`. */
export class AppointmentJoinEvent extends Event {
  /** The appointment joined. */
  readonly appointment: Appointment;
  /** The video room URL the element opens (unless `preventDefault()`); undefined if none. */
  readonly url: string | undefined;
  constructor(appointment: Appointment, url: string | undefined) {
    super('vnh-join', { bubbles: true, composed: true, cancelable: true });
    this.appointment = appointment;
    this.url = url;
  }
}

/** `vnh-appointment-cancelled` / `vnh-appointment-rescheduled`: the appointment after the change. */
export class AppointmentChangedEvent extends Event {
  /** The appointment as the server stored it after the change. */
  readonly appointment: Appointment;
  constructor(
    type: 'vnh-appointment-cancelled' | 'vnh-appointment-rescheduled',
    appointment: Appointment,
  ) {
    super(type, { bubbles: true, composed: true });
    this.appointment = appointment;
  }
}

/** True for a follow-up visit (HL7 v2-0276 `FOLLOWUP`): said "Hẹn tái khám". */
function isFollowUp(appointment: Appointment): boolean {
  return !!appointment.appointmentType?.coding?.some(
    (c) => c.system === 'http://terminology.hl7.org/CodeSystem/v2-0276' && c.code === 'FOLLOWUP',
  );
}

type Panel = { id: string; kind: 'cancel' } | { id: string; kind: 'reschedule' };

/**
 * A patient's upcoming and past consultations. Join is enabled from 15 minutes before the start
 * to the end of a video visit; cancel asks for confirmation; reschedule offers the doctor's free
 * times of the next two weeks and moves the appointment atomically (the SDK's
 * `telemedicine.reschedule`).
 *
 * @customElement vnh-appointment-list
 * @summary A patient's upcoming and past consultations, with join, cancel and reschedule.
 *
 * @fires {AppointmentJoinEvent} vnh-join - The person joins a video visit (cancelable).
 * @fires {AppointmentChangedEvent} vnh-appointment-cancelled - An appointment was cancelled.
 * @fires {AppointmentChangedEvent} vnh-appointment-rescheduled - An appointment was moved.
 *
 * @csspart upcoming - The upcoming section.
 * @csspart past - The past section.
 * @csspart appointment - One appointment.
 * @csspart join - The join button.
 * @csspart cancel - The cancel button.
 * @csspart reschedule - The reschedule button.
 * @csspart panel - The confirmation / new-time panel.
 * @csspart confirm-cancel - The button in the panel that confirms a cancellation.
 * @csspart new-slot - A free time offered in the panel when rescheduling.
 * @csspart loading - The loading skeleton.
 * @csspart empty - The empty state (no appointments).
 * @csspart error - The error state.
 * @csspart retry - The Retry button of the error state.
 *
 * @cssprop [--vnh-appointment-list-gap=var(--vnh-space-3)] - Space between appointments.
 */
export class VnhAppointmentList extends VnhElement<typeof messages.vi> {
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id' },
    appointments: { attribute: false },
    now: { attribute: false },
    panel: { state: true },
    busy: { state: true },
    announcement: { state: true },
    message: { state: true },
    freeSlots: { state: true },
    reloads: { state: true },
  };

  static override styles = styles;
  protected readonly translations = messages;

  /** The patient whose appointments are listed. */
  patientId: string | undefined;
  /** Appointments to show without loading (`telemedicine.listAppointments` result). */
  appointments: AppointmentList | undefined;
  /** The current time (for stories and tests). @default now */
  now: Date | undefined;

  protected panel: Panel | undefined;
  protected busy = false;
  protected announcement = '';
  protected message: { id: string; text: string } | undefined;
  protected freeSlots: FreeSlot[] | undefined;
  protected reloads = 0;

  #timer: ReturnType<typeof setInterval> | undefined;
  #focusSelector: string | undefined;
  /** What the last action did, announced with the reloaded list. */
  #afterAction = '';

  #task = new Task(this, {
    task: async ([id, data, client], { signal }) => {
      if (data) return data;
      if (!id) return undefined;
      if (!client) throw new MissingClientError();
      const list = await client.telemedicine.listAppointments(id, { signal });
      this.announcement = [
        this.#afterAction,
        `${this.t.upcoming}: ${this.t.count(list.upcoming.length)}`,
      ]
        .filter(Boolean)
        .join('. ');
      this.#afterAction = '';
      return list;
    },
    args: () => [this.patientId, this.appointments, this.resolvedClient, this.reloads] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // A server render calls this too: no timer there (it would keep the server's process busy).
    if (!isServer) this.#timer = setInterval(() => this.requestUpdate(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer) clearInterval(this.#timer);
  }

  protected override updated(): void {
    if (!this.#focusSelector) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusSelector);
    if (target) {
      target.focus();
      this.#focusSelector = undefined;
    }
  }

  #nowMs(): number {
    return (this.now ?? new Date()).getTime();
  }

  #window(a: AppointmentSummary): { open: boolean; opensAt: number } {
    const start = Date.parse(a.start ?? '');
    const end = Date.parse(a.end ?? a.start ?? '');
    const opensAt = start - JOIN_OPENS_MINUTES_BEFORE * 60_000;
    const now = this.#nowMs();
    return { open: now >= opensAt && now <= end, opensAt };
  }

  #statusLabel(status: Appointment['status']): string {
    const t = this.t;
    const map: Partial<Record<Appointment['status'], string>> = {
      booked: t.statusBooked,
      proposed: t.statusProposed,
      pending: t.statusPending,
      arrived: t.statusArrived,
      'checked-in': t.statusCheckedIn,
      fulfilled: t.statusFulfilled,
      cancelled: t.statusCancelled,
      noshow: t.statusNoshow,
      waitlist: t.statusWaitlist,
    };
    return map[status] ?? status;
  }

  async #join(a: AppointmentSummary): Promise<void> {
    const client = this.resolvedClient;
    let url: string | undefined;
    if (client) {
      try {
        url = (await client.telemedicine.joinInfo(a.appointment, { now: this.now })).url;
      } catch {
        url = undefined;
      }
    }
    const event = new AppointmentJoinEvent(a.appointment, url);
    this.dispatchEvent(event);
    if (!url) {
      this.message = { id: a.id, text: this.t.joinNoLink };
      this.announcement = this.t.joinNoLink;
      return;
    }
    if (!event.defaultPrevented) window.open(url, '_blank', 'noopener');
  }

  #openPanel(a: AppointmentSummary, kind: Panel['kind']): void {
    this.panel = { id: a.id, kind };
    this.message = undefined;
    this.freeSlots = undefined;
    // The id is the server's: escaped, so that no id can make the selector invalid.
    this.#focusSelector = `#panel-${CSS.escape(a.id)} [data-focus]`;
    if (kind === 'reschedule') void this.#loadFreeSlots(a);
  }

  #closePanel(a: AppointmentSummary): void {
    const kind = this.panel?.kind ?? 'cancel';
    this.panel = undefined;
    this.#focusSelector = `[data-${kind}="${CSS.escape(a.id)}"]`;
  }

  async #loadFreeSlots(a: AppointmentSummary): Promise<void> {
    const client = this.resolvedClient;
    const role = a.appointment.participant
      .map((p) => p.actor?.reference ?? '')
      .find((r) => r.startsWith('PractitionerRole/'));
    if (!client || !role) {
      this.freeSlots = [];
      return;
    }
    try {
      const today = ictToday(this.#nowMs());
      const result = await client.telemedicine.findSlots({
        practitionerRole: role,
        from: today,
        to: addDays(today, 15),
        mode: a.mode,
      });
      this.freeSlots = result.slots.slice(0, 8);
    } catch (error) {
      this.freeSlots = [];
      this.message = { id: a.id, text: `${this.t.actionFailed} ${errorMessage(this.t, error)}` };
    }
  }

  async #cancel(a: AppointmentSummary): Promise<void> {
    const client = this.resolvedClient;
    if (!client || this.busy) return;
    this.busy = true;
    try {
      const updated = await client.telemedicine.cancel(a.appointment, this.t.cancelReason);
      this.panel = undefined;
      this.announcement = this.t.cancelled;
      this.#afterAction = this.t.cancelled;
      this.dispatchEvent(new AppointmentChangedEvent('vnh-appointment-cancelled', updated));
      this.#focusSelector = 'h2';
      this.reloads += 1;
    } catch (error) {
      this.message = { id: a.id, text: `${this.t.actionFailed} ${errorMessage(this.t, error)}` };
      this.announcement = this.message.text;
    } finally {
      this.busy = false;
    }
  }

  async #reschedule(a: AppointmentSummary, slot: FreeSlot): Promise<void> {
    const client = this.resolvedClient;
    if (!client || this.busy) return;
    this.busy = true;
    try {
      const updated = await client.telemedicine.reschedule(a.appointment, slot.slot ?? slot.id);
      this.panel = undefined;
      this.announcement = this.t.rescheduled(this.format.dateTime(slot.start));
      this.#afterAction = this.announcement;
      this.dispatchEvent(new AppointmentChangedEvent('vnh-appointment-rescheduled', updated));
      this.#focusSelector = 'h2';
      this.reloads += 1;
    } catch (error) {
      const text = isSlotUnavailableError(error)
        ? this.t.slotTaken
        : `${this.t.actionFailed} ${errorMessage(this.t, error)}`;
      this.message = { id: a.id, text };
      this.announcement = text;
      if (isSlotUnavailableError(error)) void this.#loadFreeSlots(a);
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult {
    // Given appointments render at once (no skeleton first); an id not loaded yet (a server
    // render, before the first update) shows the skeleton the first update shows.
    const given = this.appointments;
    const status = this.#task.status;
    const loading =
      !given &&
      !!this.patientId &&
      (status === TaskStatus.PENDING || status === TaskStatus.INITIAL);
    return html`${renderLiveRegion(loading ? this.t.loading : this.announcement)}
      <h2 tabindex="-1">${this.t.title}</h2>
      ${
        given
          ? this.#renderLists(given)
          : !this.patientId
            ? renderEmpty(this.t.noUpcoming)
            : this.#task.render({
                initial: () => renderLoading(this.t),
                pending: () => renderLoading(this.t),
                error: (e) => renderError(this.t, e, () => void this.#task.run()),
                complete: (list) => this.#renderLists(list ?? { upcoming: [], past: [] }),
              })
      }`;
  }

  #renderLists(list: AppointmentList): TemplateResult {
    return html`<section part="upcoming" aria-labelledby="upcoming-title">
        <h3 id="upcoming-title">${this.t.upcoming}</h3>
        ${
          list.upcoming.length
            ? html`<ul>
                ${list.upcoming.map((a) => this.#renderItem(a, true))}
              </ul>`
            : renderEmpty(this.t.noUpcoming)
        }
      </section>
      <section part="past" aria-labelledby="past-title">
        <h3 id="past-title">${this.t.past}</h3>
        ${
          list.past.length
            ? html`<ul>
                ${list.past.map((a) => this.#renderItem(a, false))}
              </ul>`
            : renderEmpty(this.t.noPast)
        }
      </section>`;
  }

  #renderItem(a: AppointmentSummary, upcoming: boolean): TemplateResult {
    const video = a.mode === 'video';
    const joinWindow = this.#window(a);
    const joinable = video && joinWindow.open;
    const panel = this.panel?.id === a.id ? this.panel : undefined;
    const message = this.message?.id === a.id ? this.message.text : undefined;
    return html`<li class="item" part="appointment" data-id=${a.id}>
      <p class="when">
        ${this.format.dateTime(a.start)}
        <span class="status">${this.#statusLabel(a.status)}</span>
      </p>
      <p class="meta">
        ${[
          isFollowUp(a.appointment) ? this.t.followUp : '',
          a.practitionerName,
          a.facilityName,
          video ? this.t.video : this.t.inPerson,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      ${a.reason ? html`<p class="meta">${a.reason}</p>` : nothing}
      ${
        upcoming
          ? html`<div class="actions">
              ${
                video
                  ? html`<button
                      type="button"
                      class="vnh-button primary"
                      part="join"
                      aria-disabled=${joinable ? 'false' : 'true'}
                      aria-describedby=${joinable ? nothing : `join-hint-${a.id}`}
                      @click=${() => (joinable ? void this.#join(a) : undefined)}
                    >
                      ${this.t.join}
                    </button>`
                  : nothing
              }
              ${
                video && !joinable
                  ? html`<span class="meta" id="join-hint-${a.id}"
                      >${this.t.joinOpensAt(this.format.dateTime(new Date(joinWindow.opensAt)))}</span
                    >`
                  : nothing
              }
              <button
                type="button"
                class="vnh-button"
                part="reschedule"
                data-reschedule=${a.id}
                aria-expanded=${panel?.kind === 'reschedule' ? 'true' : 'false'}
                @click=${() => this.#openPanel(a, 'reschedule')}
              >
                ${this.t.reschedule}
              </button>
              <button
                type="button"
                class="vnh-button"
                part="cancel"
                data-cancel=${a.id}
                aria-expanded=${panel?.kind === 'cancel' ? 'true' : 'false'}
                @click=${() => this.#openPanel(a, 'cancel')}
              >
                ${this.t.cancel}
              </button>
            </div>`
          : nothing
      }
      ${panel ? this.#renderPanel(a, panel) : nothing}
      ${message && !panel ? html`<p class="message" role="alert">${message}</p>` : nothing}
    </li>`;
  }

  #renderPanel(a: AppointmentSummary, panel: Panel): TemplateResult {
    const message = this.message?.id === a.id ? this.message.text : undefined;
    if (panel.kind === 'cancel') {
      return html`<div
        class="panel"
        part="panel"
        id="panel-${a.id}"
        role="group"
        aria-labelledby="q-${a.id}"
      >
        <p id="q-${a.id}" tabindex="-1" data-focus>${this.t.cancelQuestion}</p>
        <div class="actions">
          <button
            type="button"
            class="vnh-button primary"
            part="confirm-cancel"
            ?disabled=${this.busy}
            @click=${() => void this.#cancel(a)}
          >
            ${this.t.cancelConfirm}
          </button>
          <button type="button" class="vnh-button" @click=${() => this.#closePanel(a)}>
            ${this.t.cancelKeep}
          </button>
        </div>
        ${message ? html`<p class="message" role="alert">${message}</p>` : nothing}
      </div>`;
    }
    return html`<div
      class="panel"
      part="panel"
      id="panel-${a.id}"
      role="group"
      aria-labelledby="r-${a.id}"
    >
      <p id="r-${a.id}" tabindex="-1" data-focus>${this.t.rescheduleTitle}</p>
      ${message ? html`<p class="message" role="alert">${message}</p>` : nothing}
      ${
        this.freeSlots === undefined
          ? renderLoading(this.t, { lines: 1 })
          : this.freeSlots.length
            ? html`<div class="slots">
                ${this.freeSlots.map(
                  (s) =>
                    html`<button
                      type="button"
                      class="vnh-button"
                      part="new-slot"
                      ?disabled=${this.busy}
                      @click=${() => void this.#reschedule(a, s)}
                    >
                      ${this.format.dateTime(s.start)}
                    </button>`,
                )}
              </div>`
            : html`<p class="meta">${this.t.rescheduleNone}</p>`
      }
      <div class="actions">
        <button type="button" class="vnh-button" @click=${() => this.#closePanel(a)}>
          ${this.t.close}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-appointment-list': VnhAppointmentList;
  }
  interface GlobalEventHandlersEventMap {
    'vnh-join': AppointmentJoinEvent;
    'vnh-appointment-cancelled': AppointmentChangedEvent;
    'vnh-appointment-rescheduled': AppointmentChangedEvent;
  }
}
