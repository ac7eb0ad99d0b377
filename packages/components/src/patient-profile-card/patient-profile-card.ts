import {
  html,
  nothing,
  svg,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import {
  formatName,
  maskIdentifier,
  type AllergyIntolerance,
  type Condition,
  type InsuranceInfo,
  type MedicationStatement,
  type Patient,
  type PatientSummary,
  type VitalKind,
  type VitalReading,
  type VitalSeries,
} from '@vnhealth/core/client';
import { conceptText, conditionCode, insuranceStatus, VITAL_KINDS } from '@vnhealth/core/summary';
import { VnhElement } from '../shared/element.ts';
import { ageOf, formatPhone, initials, phoneHref, sayAge } from '../shared/format.ts';
import {
  isNotFound,
  MissingClientError,
  renderEmpty,
  renderError,
  renderLiveRegion,
  renderLoading,
  renderNotFound,
  errorMessage,
} from '../shared/states.ts';
import { Task } from '../shared/task.ts';
import { messages } from './patient-profile-card.i18n.ts';
import {
  current,
  emergencyContactOf,
  fromPatient,
  fromSummary,
  identifierValue,
  loadCard,
  mailHref,
  photoUrl,
  relationshipOf,
  UNIT_DISPLAY,
  type CardData,
} from './patient-profile-card.data.ts';
import { styles } from './patient-profile-card.styles.ts';

/** The identifiers the card masks and can reveal. */
export type RevealableIdentifier = 'cccd' | 'bhyt';

/** The card's sections, each with a `part` of the same name and `with-*`/`without-*` switches. */
export type PatientCardSection =
  'avatar' | 'identifiers' | 'allergies' | 'conditions' | 'medications' | 'vitals' | 'contact';

/**
 * Fired (bubbles, composed, cancelable) when a person asks to reveal a masked identifier, before
 * it is shown; `preventDefault()` keeps it masked. Carries which identifier, never its value.
 */
export class IdentifierRevealEvent extends Event {
  static readonly eventName = 'vnh-identifier-reveal';
  /** Which identifier is revealed. */
  readonly kind: RevealableIdentifier;
  /** The FHIR id of the patient, when known (for the audit trail). */
  readonly patientId: string | undefined;

  constructor(kind: RevealableIdentifier, patientId: string | undefined) {
    super(IdentifierRevealEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.kind = kind;
    this.patientId = patientId;
  }
}

const COMPACT_SECTIONS: ReadonlySet<PatientCardSection> = new Set([
  'avatar',
  'identifiers',
  'allergies',
]);

/** The warning triangle of the allergy banner and of an expiring or expired BHYT. */
const warningIcon = (): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    ${svg`<path d="M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z"></path>`}
  </svg>`;

/**
 * Who the patient is and what a clinician must know right now: name, age, sex, birth date,
 * masked CCCD and BHYT with a reveal control, BHYT validity, an allergy banner that cannot be
 * missed, active conditions, current medications, vital signs with trends, and contacts.
 *
 * Give it `patient-id` to load through the nearest `<vnh-provider>`'s client (one
 * `records.getSummary` call, aborted when the id changes), or a `.summary` (from
 * `records.getSummary`) or `.patient` (a FHIR Patient) property to render without network.
 *
 * @customElement vnh-patient-profile-card
 * @summary A patient's identity, insurance, allergies, conditions, medications and vitals at a glance.
 *
 * @slot header - Extra content beside the name (badges, a link to the full record).
 * @slot actions - Buttons for the host's actions (start a consult, edit contact).
 * @slot footer - Content at the bottom of the card (source, last updated).
 *
 * @csspart card - The card's outer box.
 * @csspart header - The header: avatar, name, demographics and the header slot.
 * @csspart avatar - The photo or initials.
 * @csspart name - The patient's name (a heading).
 * @csspart demographics - Age, sex and birth date.
 * @csspart identifiers - The CCCD and BHYT section.
 * @csspart reveal-button - Each identifier's reveal toggle.
 * @csspart insurance-status - The BHYT validity badge.
 * @csspart allergies - The allergy banner.
 * @csspart conditions - The active conditions section.
 * @csspart medications - The current medications section.
 * @csspart vitals - The vital signs section.
 * @csspart sparkline - Each vital sign's trend line.
 * @csspart contact - Phone, email, address and emergency contact.
 * @csspart partial - The notice shown when part of the record could not be loaded.
 * @csspart truncated - The notice naming the sections that show only their first records.
 * @csspart actions - The wrapper of the actions slot.
 * @csspart footer - The wrapper of the footer slot.
 * @csspart loading - The loading skeleton.
 * @csspart error - The error state.
 * @csspart retry - The error state's Retry button.
 * @csspart not-found - The not-found state.
 * @csspart empty - Shown when there is no patient to show.
 *
 * @cssprop [--vnh-patient-profile-card-padding=var(--vnh-space-4)] - Inner padding.
 * @cssprop [--vnh-patient-profile-card-avatar-size=3.5rem] - Avatar diameter (2.5rem when compact).
 * @cssprop [--vnh-patient-profile-card-radius=var(--vnh-radius-lg)] - Corner radius.
 * @cssprop [--vnh-patient-profile-card-sparkline-color=var(--vnh-color-accent)] - Trend line colour.
 *
 * @fires {IdentifierRevealEvent} vnh-identifier-reveal - Before a masked identifier is revealed: `{ kind: 'cccd' | 'bhyt', patientId }`, never the value. Cancelable.
 */
export class VnhPatientProfileCard extends VnhElement<typeof messages.vi> {
  static override styles = styles;
  protected readonly translations = messages;
  // Reactive properties without decorators, so pages need not load Lit's decorator module.
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id', reflect: true },
    summary: { attribute: false },
    patient: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    variant: { reflect: true },
    withConditions: { type: Boolean, attribute: 'with-conditions' },
    withMedications: { type: Boolean, attribute: 'with-medications' },
    withVitals: { type: Boolean, attribute: 'with-vitals' },
    withContact: { type: Boolean, attribute: 'with-contact' },
    withoutAvatar: { type: Boolean, attribute: 'without-avatar' },
    withoutIdentifiers: { type: Boolean, attribute: 'without-identifiers' },
    withoutAllergies: { type: Boolean, attribute: 'without-allergies' },
    withoutConditions: { type: Boolean, attribute: 'without-conditions' },
    withoutMedications: { type: Boolean, attribute: 'without-medications' },
    withoutVitals: { type: Boolean, attribute: 'without-vitals' },
    withoutContact: { type: Boolean, attribute: 'without-contact' },
    now: { attribute: false },
    revealed: { state: true },
    filledSlots: { state: true },
  };

  /** FHIR id of the patient to load through the provider's client. */
  patientId: string | undefined;

  /** A summary from `records.getSummary` to render without network (wins over `patient-id`). */
  summary: PatientSummary | undefined;

  /** A FHIR Patient to render without network (clinical sections then say they are unknown). */
  patient: Patient | undefined;

  /**
   * Level of the name heading (2–6); section headings are one level below. Match the page's
   * outline.
   */
  headingLevel = 2;

  /**
   * The current time, for the age and the BHYT validity (stories and tests pass a fixed one).
   * @default the current time
   */
  now: Date | undefined;

  /** `full` shows every section; `compact` shows avatar, identity, identifiers and allergies. */
  variant: 'full' | 'compact' = 'full';

  /** Show conditions in the compact variant. */
  withConditions = false;
  /** Show medications in the compact variant. */
  withMedications = false;
  /** Show vital signs in the compact variant. */
  withVitals = false;
  /** Show phone, address and emergency contact in the compact variant. */
  withContact = false;
  /** Drop the avatar. */
  withoutAvatar = false;
  /** Drop the CCCD/BHYT section. */
  withoutIdentifiers = false;
  /** Drop the allergy banner (only where allergies are shown elsewhere on the page). */
  withoutAllergies = false;
  /** Drop the conditions section. */
  withoutConditions = false;
  /** Drop the medications section. */
  withoutMedications = false;
  /** Drop the vital signs section. */
  withoutVitals = false;
  /** Drop the contact section. */
  withoutContact = false;

  private revealed: ReadonlySet<RevealableIdentifier> = new Set();
  private filledSlots: ReadonlySet<string> = new Set();

  #task = new Task(this, {
    task: async ([id, client], { signal }) => {
      if (!id) return undefined;
      if (!client) throw new MissingClientError('No client: place the card inside <vnh-provider>.');
      return loadCard(id, client.records, signal);
    },
    args: () =>
      [this.summary || this.patient ? undefined : this.patientId, this.resolvedClient] as const,
  });

  /** Whether a section is shown with the current variant and switches. */
  shows(section: PatientCardSection): boolean {
    const key = section[0]!.toUpperCase() + section.slice(1);
    const self = this as unknown as Record<string, boolean | undefined>;
    if (self[`without${key}`]) return false;
    return this.variant !== 'compact' || COMPACT_SECTIONS.has(section) || !!self[`with${key}`];
  }

  private level(below: number): string {
    const base = Number.isInteger(this.headingLevel) ? this.headingLevel : 2;
    return String(Math.min(6, Math.max(1, base) + below));
  }

  /** Load again (after an error, or to refresh). */
  reload(): void {
    void this.#task.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('summary') || changed.has('patient') || changed.has('patientId')) {
      if (this.revealed.size) this.revealed = new Set();
    }
  }

  protected override render(): TemplateResult {
    const given = this.summary
      ? fromSummary(this.summary)
      : this.patient
        ? fromPatient(this.patient)
        : undefined;
    if (given) return this.renderCard(given);
    const empty = () =>
      this.frame(renderLiveRegion(''), renderEmpty(this.t.empty), { busy: false });
    // Nothing to load: empty at once. An id not loaded yet (a server render, before the first
    // update) shows the skeleton the first update shows, so hydration finds what it renders.
    if (!this.patientId) return empty();
    const loading = () =>
      this.frame(
        renderLiveRegion(this.t.loadingCard),
        renderLoading(this.t, { label: this.t.loadingCard, lines: 5 }),
        { busy: true },
      );
    return this.#task.render({
      initial: loading,
      pending: loading,
      complete: (data) =>
        data
          ? this.renderCard(data, this.t.loaded(formatName(data.patient.name) || this.t.unnamed))
          : empty(),
      error: (error) =>
        isNotFound(error)
          ? this.frame(
              renderLiveRegion(this.t.notFoundCard),
              renderNotFound(this.t, this.t.notFoundCard),
              { busy: false },
            )
          : this.frame(
              renderLiveRegion(`${this.t.errorTitle}. ${errorMessage(this.t, error)}`),
              renderError(this.t, error, () => this.reload()),
              { busy: false },
            ),
    });
  }

  /** The card box with its slots, around `body`. */
  private frame(
    live: TemplateResult,
    body: TemplateResult,
    options: { busy: boolean; label?: string; header?: TemplateResult },
  ): TemplateResult {
    const has = (name: string) => this.filledSlots.has(name);
    return html`${live}
      <article
        class="card"
        part="card"
        aria-label=${options.label ?? nothing}
        aria-busy=${options.busy ? 'true' : 'false'}
      >
        ${
          options.header ??
          html`<div class="header-slot" ?hidden=${!has('header')}>
            <slot name="header" @slotchange=${this.onSlotChange}></slot>
          </div>`
        }
        ${body}
        <div class="actions" part="actions" ?hidden=${!has('actions')}>
          <slot name="actions" @slotchange=${this.onSlotChange}></slot>
        </div>
        <div class="footer" part="footer" ?hidden=${!has('footer')}>
          <slot name="footer" @slotchange=${this.onSlotChange}></slot>
        </div>
      </article>`;
  }

  private onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    const filled = slot
      .assignedNodes({ flatten: true })
      .some((n) => n.nodeType === Node.ELEMENT_NODE || n.textContent?.trim());
    if (filled === this.filledSlots.has(slot.name)) return;
    const next = new Set(this.filledSlots);
    if (filled) next.add(slot.name);
    else next.delete(slot.name);
    this.filledSlots = next;
  }

  private renderCard(data: CardData, announce = ''): TemplateResult {
    const name = formatName(data.patient.name) || this.t.unnamed;
    const has = (slot: string) => this.filledSlots.has(slot);
    const header = html`<header class="header" part="header">
      ${this.shows('avatar') ? this.renderAvatar(data.patient) : nothing}
      <div class="identity">
        <div class="name" part="name" id="name" role="heading" aria-level=${this.level(0)}>
          <bdi>${name}</bdi>
        </div>
        ${this.renderDemographics(data.patient)}
      </div>
      <div class="header-slot" ?hidden=${!has('header')}>
        <slot name="header" @slotchange=${this.onSlotChange}></slot>
      </div>
    </header>`;
    const body = html`
      ${
        data.partial
          ? html`<p class="partial" part="partial" role="note">${this.t.partial}</p>`
          : nothing
      }
      ${
        data.truncated.length
          ? html`<p class="partial" part="truncated" role="note">
              ${this.t.truncated(data.truncated.map((section) => this.t[section]).join(', '))}
            </p>`
          : nothing
      }
      ${this.shows('allergies') ? this.renderAllergies(data.allergies) : nothing}
      ${this.shows('identifiers') ? this.renderIdentifiers(data) : nothing}
      <div class="clinical">
        ${
          this.shows('conditions') && data.conditions
            ? this.renderConditions(data.conditions)
            : nothing
        }
        ${
          this.shows('medications') && data.medications
            ? this.renderMedications(data.medications)
            : nothing
        }
        ${this.shows('vitals') && data.vitals ? this.renderVitals(data.vitals) : nothing}
      </div>
      ${this.shows('contact') ? this.renderContact(data.patient) : nothing}
    `;
    return this.frame(renderLiveRegion(announce), body, {
      busy: false,
      label: this.t.cardLabel(name),
      header,
    });
  }

  private renderAvatar(patient: Patient): TemplateResult {
    const url = photoUrl(patient);
    return html`<div class="avatar" part="avatar" aria-hidden="true">
      ${
        url
          ? html`<img src=${url} alt="" width="56" height="56" />`
          : html`<span class="initials">${initials(patient.name)}</span>`
      }
    </div>`;
  }

  private renderDemographics(patient: Patient): TemplateResult {
    const t = this.t;
    const age = ageOf(patient.birthDate, this.format.today(this.now));
    const sexes: Record<string, string> = {
      male: t.sexMale,
      female: t.sexFemale,
      other: t.sexOther,
      unknown: t.sexUnknown,
    };
    const sex = patient.gender ? sexes[patient.gender] : undefined;
    const items: { label: string; value: string }[] = [];
    if (age) {
      items.push({
        label: t.age,
        value: sayAge(age, t),
      });
    }
    if (sex) items.push({ label: t.sex, value: sex });
    if (patient.birthDate) {
      items.push({ label: t.birthDate, value: this.format.date(patient.birthDate) });
    }
    if (!items.length) return html``;
    return html`<dl class="demographics" part="demographics">
      ${items.map(
        (item) =>
          html`<div class="demo-item">
            <dt class="vnh-sr-only">${item.label}</dt>
            <dd>${item.value}</dd>
          </div>`,
      )}
    </dl>`;
  }

  private toggleReveal(kind: RevealableIdentifier): void {
    const next = new Set(this.revealed);
    if (next.has(kind)) {
      next.delete(kind);
    } else {
      const id = this.summary?.patient.id ?? this.patient?.id ?? this.patientId;
      const audit = new IdentifierRevealEvent(kind, id);
      if (!this.dispatchEvent(audit)) return;
      next.add(kind);
    }
    this.revealed = next;
  }

  private renderIdentifier(
    kind: RevealableIdentifier,
    label: string,
    value: string,
    extra: TemplateResult | typeof nothing = nothing,
  ): TemplateResult {
    const shown = this.revealed.has(kind);
    const id = `identifier-${kind}`;
    return html`<div class="id-row">
      <dt>${label}</dt>
      <dd>
        <span class="id-value" id=${id}
          ><bdi>${shown ? value : maskIdentifier(value)}</bdi
          >${shown ? nothing : html`<span class="vnh-sr-only"> (${this.t.masked})</span>`}</span
        >
        <button
          type="button"
          class="vnh-button reveal"
          part="reveal-button"
          aria-pressed=${shown ? 'true' : 'false'}
          aria-controls=${id}
          @click=${() => this.toggleReveal(kind)}
        >
          ${this.eyeIcon(shown)}<span>${this.t.reveal(label)}</span>
        </button>
        ${extra}
      </dd>
    </div>`;
  }

  private eyeIcon(open: boolean): TemplateResult {
    return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      ${svg`<path d="M12 5C6.5 5 2.7 9.4 1.5 12c1.2 2.6 5 7 10.5 7s9.3-4.4 10.5-7C21.3 9.4 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-2.2a2.3 2.3 0 1 0 0-4.6 2.3 2.3 0 0 0 0 4.6z"></path>`}
      ${open ? nothing : svg`<path d="M3 3l18 18" class="slash"></path>`}
    </svg>`;
  }

  private renderInsurance(info: InsuranceInfo): TemplateResult {
    const t = this.t;
    const cancelled = info.coverage?.status === 'cancelled';
    const judged = info.period
      ? insuranceStatus(info.period, this.now ?? new Date())
      : { status: info.status };
    const status = cancelled ? 'expired' : judged.status;
    const end = info.period?.end ? this.format.date(info.period.end) : '';
    const daysLeft = 'daysLeft' in judged ? (judged.daysLeft ?? 0) : (info.daysLeft ?? 0);
    const text =
      status === 'expired'
        ? end
          ? t.insuranceExpired(end)
          : t.statusExpired
        : status === 'expiring'
          ? t.insuranceExpiring(end, daysLeft)
          : status === 'valid'
            ? end
              ? t.insuranceValid(end)
              : t.statusValid
            : t.insuranceUnknown;
    const facility = info.registeredFacility?.name ?? info.registeredFacility?.code;
    return html`<span class="badge badge-${status}" part="insurance-status"
        >${status === 'expired' || status === 'expiring' ? warningIcon() : nothing}${text}</span
      >${
        facility
          ? html`<span class="facility">${t.registeredFacility}: <bdi>${facility}</bdi></span>`
          : nothing
      }`;
  }

  private renderIdentifiers(data: CardData): TemplateResult | typeof nothing {
    const cccd = identifierValue(data.patient, 'cccd');
    const bhyt = data.insurance?.number;
    if (!cccd && !bhyt) return nothing;
    return html`<section class="identifiers" part="identifiers" aria-labelledby="ids-heading">
      <div id="ids-heading" class="vnh-sr-only" role="heading" aria-level=${this.level(1)}>
        ${this.t.identifiers}
      </div>
      <dl>
        ${cccd ? this.renderIdentifier('cccd', this.t.cccd, cccd) : nothing}
        ${
          bhyt && data.insurance
            ? this.renderIdentifier('bhyt', this.t.bhyt, bhyt, this.renderInsurance(data.insurance))
            : nothing
        }
      </dl>
    </section>`;
  }

  private renderAllergies(allergies: AllergyIntolerance[] | undefined): TemplateResult {
    const t = this.t;
    const kind = allergies === undefined ? 'unknown' : allergies.length ? 'present' : 'none';
    const criticality: Record<string, string> = {
      high: t.criticalityHigh,
      low: t.criticalityLow,
      'unable-to-assess': t.criticalityUnable,
    };
    return html`<section
      class="allergies allergies-${kind}"
      part="allergies"
      aria-labelledby="allergies-heading"
    >
      <div id="allergies-heading" class="section-title" role="heading" aria-level=${this.level(1)}>
        ${kind === 'present' ? warningIcon() : nothing}
        ${kind === 'present' ? t.allergyCount(allergies!.length) : t.allergies}
      </div>
      ${
        kind === 'unknown'
          ? html`<p class="note">${t.allergiesUnknown}</p>`
          : kind === 'none'
            ? html`<p class="note">${t.noKnownAllergies}</p>`
            : html`<ul class="allergy-list">
                ${allergies!.map((a) => {
                  const reactions = (a.reaction ?? [])
                    .flatMap((r) => r.manifestation ?? [])
                    .map((m) => conceptText(m))
                    .filter(Boolean);
                  const level = a.criticality ? criticality[a.criticality] : undefined;
                  return html`<li class="allergy allergy-${a.criticality ?? 'none'}">
                    <strong class="allergen"><bdi>${conceptText(a.code) || '—'}</bdi></strong>
                    ${level ? html`<span class="criticality">${level}</span>` : nothing}
                    ${
                      reactions.length
                        ? html`<span class="reaction"
                            >${t.reaction}: <bdi>${reactions.join(', ')}</bdi></span
                          >`
                        : nothing
                    }
                  </li>`;
                })}
              </ul>`
      }
    </section>`;
  }

  private renderConditions(conditions: Condition[]): TemplateResult {
    const t = this.t;
    return html`<section class="section" part="conditions" aria-labelledby="conditions-heading">
      <div id="conditions-heading" class="section-title" role="heading" aria-level=${this.level(1)}>
        ${t.conditions}
      </div>
      ${
        conditions.length
          ? html`<ul class="list">
              ${conditions.map((c) => {
                const code = conditionCode(c);
                const onset = c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate;
                return html`<li>
                  <bdi>${code.display || '—'}</bdi>
                  ${code.code ? html`<span class="code">${code.code}</span>` : nothing}
                  ${
                    onset
                      ? html`<span class="meta">${t.since(this.format.date(onset))}</span>`
                      : nothing
                  }
                </li>`;
              })}
            </ul>`
          : html`<p class="note">${t.noConditions}</p>`
      }
    </section>`;
  }

  private renderMedications(medications: MedicationStatement[]): TemplateResult {
    const t = this.t;
    return html`<section class="section" part="medications" aria-labelledby="medications-heading">
      <div
        id="medications-heading"
        class="section-title"
        role="heading"
        aria-level=${this.level(1)}
      >
        ${t.medications}
      </div>
      ${
        medications.length
          ? html`<ul class="list">
              ${medications.map((m) => {
                const name =
                  conceptText(m.medicationCodeableConcept) || m.medicationReference?.display || '—';
                const dosage = m.dosage
                  ?.map((d) => d.text)
                  .filter(Boolean)
                  .join('; ');
                return html`<li>
                  <bdi>${name}</bdi>
                  ${dosage ? html`<span class="meta"><bdi>${dosage}</bdi></span>` : nothing}
                </li>`;
              })}
            </ul>`
          : html`<p class="note">${t.noMedications}</p>`
      }
    </section>`;
  }

  private vitalText(kind: VitalKind, reading: VitalReading): string {
    const n = (v: number) => this.format.number(v, { maximumFractionDigits: 1 });
    const value =
      kind === 'bloodPressure' && reading.diastolic !== undefined
        ? `${n(reading.value)}/${n(reading.diastolic)}`
        : n(reading.value);
    const unit =
      reading.unit === '/min' ? this.t.perMinute : (UNIT_DISPLAY[reading.unit] ?? reading.unit);
    return unit === '%' ? `${value}%` : `${value} ${unit}`;
  }

  private renderSparkline(series: VitalSeries): TemplateResult | typeof nothing {
    const points = series.history.filter((r) => Number.isFinite(r.value));
    if (points.length < 3) return nothing;
    const values = points.map((r) => r.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const span = max - min || 1;
    const w = 96;
    const h = 28;
    const pad = 3;
    const coords = points.map((r, i) => {
      const x = pad + (i * (w - 2 * pad)) / (points.length - 1);
      const y = h - pad - ((r.value - min) * (h - 2 * pad)) / span;
      return [Number(x.toFixed(1)), Number(y.toFixed(1))] as const;
    });
    const last = coords[coords.length - 1]!;
    const first = points[0]!;
    const final = points[points.length - 1]!;
    return html`<svg
        class="sparkline"
        part="sparkline"
        viewBox="0 0 ${w} ${h}"
        aria-hidden="true"
        focusable="false"
      >
        ${svg`<polyline points=${coords.map(([x, y]) => `${x},${y}`).join(' ')}></polyline>
        <circle cx=${last[0]} cy=${last[1]} r="2.5"></circle>`}</svg
      ><span class="vnh-sr-only"
        >${this.t.trend(
          points.length,
          this.vitalText(series.kind, first),
          this.vitalText(series.kind, final),
        )}</span
      >`;
  }

  private renderVitals(vitals: Partial<Record<VitalKind, VitalSeries>>): TemplateResult {
    const t = this.t;
    const kinds = VITAL_KINDS.filter((k) => vitals[k]);
    return html`<section class="section" part="vitals" aria-labelledby="vitals-heading">
      <div id="vitals-heading" class="section-title" role="heading" aria-level=${this.level(1)}>
        ${t.vitals}
      </div>
      ${
        kinds.length
          ? html`<dl class="vitals">
              ${kinds.map((kind) => {
                const series = vitals[kind]!;
                return html`<div class="vital">
                  <dt>${t[kind]}</dt>
                  <dd>
                    <span class="vital-value">${this.vitalText(kind, series.latest)}</span>
                    ${this.renderSparkline(series)}
                    ${
                      series.latest.date
                        ? html`<span class="meta"
                            >${t.measuredOn(this.format.date(series.latest.date))}</span
                          >`
                        : nothing
                    }
                  </dd>
                </div>`;
              })}
            </dl>`
          : html`<p class="note">${t.noVitals}</p>`
      }
    </section>`;
  }

  private renderContact(patient: Patient): TemplateResult | typeof nothing {
    const t = this.t;
    const phones = current(patient.telecom, 'phone');
    const emails = current(patient.telecom, 'email');
    const address =
      patient.address?.find((a) => a.use === 'home' && !a.period?.end) ??
      patient.address?.find((a) => !a.period?.end);
    const addressText =
      address?.text?.trim() ||
      [...(address?.line ?? []), address?.district, address?.city, address?.state]
        .filter((p): p is string => Boolean(p?.trim()))
        .join(', ');
    const emergency = emergencyContactOf(patient);
    if (!phones.length && !emails.length && !addressText && !emergency) return nothing;
    const phoneLink = (value: string) => {
      const href = phoneHref(value);
      const shown = formatPhone(value);
      return href ? html`<a href=${href}><bdi>${shown}</bdi></a>` : html`<bdi>${shown}</bdi>`;
    };
    const emergencyPhone = emergency ? current(emergency.telecom, 'phone')[0]?.value : undefined;
    const relation = emergency ? relationshipOf(emergency) : undefined;
    const relationship = relation?.key ? t[relation.key] : relation?.text;
    return html`<section class="section contact" part="contact" aria-labelledby="contact-heading">
      <div id="contact-heading" class="section-title" role="heading" aria-level=${this.level(1)}>
        ${t.contact}
      </div>
      <dl class="contact-list">
        ${
          phones.length
            ? html`<div>
                <dt>${t.phone}</dt>
                <dd>
                  ${phones.map((p) => html`<span class="value">${phoneLink(p.value!)}</span>`)}
                </dd>
              </div>`
            : nothing
        }
        ${
          emails.length
            ? html`<div>
                <dt>${t.email}</dt>
                <dd>
                  ${emails.map((e) => {
                    const href = mailHref(e.value);
                    return html`<span class="value"
                      >${
                        href
                          ? html`<a href=${href}><bdi>${e.value}</bdi></a>`
                          : html`<bdi>${e.value}</bdi>`
                      }</span
                    >`;
                  })}
                </dd>
              </div>`
            : nothing
        }
        ${
          addressText
            ? html`<div>
                <dt>${t.address}</dt>
                <dd><bdi>${addressText}</bdi></dd>
              </div>`
            : nothing
        }
        ${
          emergency
            ? html`<div>
                <dt>${t.emergencyContact}</dt>
                <dd>
                  <bdi>${formatName(emergency.name) || '—'}</bdi>${
                    relationship ? html` (<bdi>${relationship}</bdi>)` : nothing
                  }
                  ${emergencyPhone ? html`<span class="value">${phoneLink(emergencyPhone)}</span>` : nothing}
                </dd>
              </div>`
            : nothing
        }
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vnh-patient-profile-card': VnhPatientProfileCard;
  }
  interface GlobalEventHandlersEventMap {
    'vnh-identifier-reveal': IdentifierRevealEvent;
  }
}
