import { isServer, type PropertyDeclarations } from 'lit';
/**
 * What the two vaccination elements share: inputs (`patient-id`, or `.patient` +
 * `.immunizations`), loading through the provider's client, the schedule evaluation and age
 * wording. Internal to the vaccination elements.
 */
import type { Immunization, Patient } from '@vnhealth/core';
import type {
  DoseDueStatus,
  DoseForecast,
  ImmunizationSchedule,
  LocalizedText,
  ScheduleDuration,
  ScheduleEvaluation,
  ScheduleVaccine,
} from '@vnhealth/core/schedule';
import { VnhElement } from '../shared/element.ts';
import type { Messages, SameShape } from '../shared/i18n.ts';
import { MissingClientError } from '../shared/states.ts';
import { Task } from '../shared/task.ts';
import type * as EngineModule from './vaccination-engine.ts';
import type { vaccinationVi } from './vaccination-history.i18n.ts';

/** The data a vaccination element renders. */
export interface VaccinationData {
  patient: Patient;
  immunizations: Immunization[];
}

type VaccinationWords = SameShape<typeof vaccinationVi>;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Records longer than this are evaluated in tasks before the render's (about 10 ms of engine
 * per thousand doses on the benchmark's machine; see bench/results/history.md).
 */
const LONG_RECORD = 1000;

/** The script a task of a long record's evaluation may take before it yields (ms). */
const SLICE_MS = 12;

/** Resolves in a later task (a macrotask), after the browser may have rendered and handled input. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The schedule engine module (`vaccination-engine.ts`). */
export type ScheduleEngine = typeof EngineModule;

let engine: ScheduleEngine | undefined;
let engineLoad: Promise<ScheduleEngine> | undefined;

/**
 * Import the schedule engine (once per page; a failed import, offline, is tried again on the
 * next call). Its own chunk: loaded with a patient's data, in parallel with the requests.
 */
export function loadScheduleEngine(): Promise<ScheduleEngine> {
  engineLoad ??= import('./vaccination-engine.ts').then(
    (m) => (engine = m),
    (error: unknown) => {
      engineLoad = undefined;
      throw error;
    },
  );
  return engineLoad;
}

/** Base class of `<vnh-vaccination-history>` and `<vnh-vaccination-schedule>`. */
export abstract class VaccinationElement<M extends Messages> extends VnhElement<M> {
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id' },
    patient: { attribute: false },
    immunizations: { attribute: false },
    asOf: { attribute: 'as-of' },
    schedule: { attribute: false },
    pregnant: { type: Boolean },
  };

  /** Loads the patient and the history through the client (provider's, or `.client`). */
  patientId: string | undefined;

  /** The child (needs `birthDate`); with `.immunizations`, renders without network. */
  patient: Patient | undefined;

  /** The child's Immunization resources (de-duplicated, e.g. `history.immunizations`). */
  immunizations: Immunization[] | undefined;

  /**
   * The day to evaluate the schedule on (`YYYY-MM-DD`), for what-if views. Defaults to today in
   * Vietnam.
   */
  asOf: string | undefined;

  /**
   * The schedule to evaluate against. Unset: Vietnam's schedule for the patient's age on the
   * evaluation day (`vnScheduleFor`): the TCMR under 16 years, the adult schedule from the 16th
   * birthday, so adults never get infant doses.
   */
  schedule: ImmunizationSchedule | undefined;

  /**
   * The patient is pregnant: tetanus for pregnant women is forecast (with the default schedule).
   */
  pregnant = false;

  protected readonly loader = new Task(this, {
    task: async ([id, client, local], { signal }): Promise<VaccinationData | undefined> => {
      if (local || !id) return undefined;
      if (!client) throw new MissingClientError();
      const [patient, history] = await Promise.all([
        client.records.getPatient(id, { signal }),
        client.vaccination.getHistory(id, { signal }),
        loadScheduleEngine(),
      ]);
      return { patient, immunizations: history.immunizations };
    },
    args: () => [this.patientId, this.resolvedClient, this.hasLocalData] as const,
  });

  /** Why the schedule engine did not load, for the error state (cleared by Retry). */
  protected engineError: unknown;

  /**
   * With `.patient` and `.immunizations`, or a server-rendered shadow root to hydrate, an update
   * waits for the schedule engine first (its chunk, once per page), so the first render is
   * already the evaluated one and hydration renders the server's template. A failed import
   * shows the error state.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (engine || this.engineError || !(this.hasLocalData || this.hydrating)) {
      return this.#evaluateThenUpdate();
    }
    return this.#loadEngine().then(() => this.#evaluateThenUpdate());
  }

  /**
   * A record of more than {@link LONG_RECORD} doses not evaluated yet is evaluated in tasks of
   * its own, then rendered in the next: the page stays responsive meanwhile (no long task).
   * Shorter ones, and the server, evaluate while rendering.
   */
  #evaluateThenUpdate(): void | Promise<unknown> {
    const data = this.hasLocalData
      ? { patient: this.patient!, immunizations: this.immunizations! }
      : this.loader.value;
    if (isServer || !engine || !data || data.immunizations.length <= LONG_RECORD) {
      return super.scheduleUpdate();
    }
    if (this.#memoHits(data)) return super.scheduleUpdate();
    return this.#evaluateInSlices(data).then(() => super.scheduleUpdate());
  }

  /**
   * Evaluate `data` in tasks of about {@link SLICE_MS} each (`evaluateScheduleSteps`), starting
   * in a task after this one, and memoise the result; the render then finds it. An input that
   * throws is left to the render (its error shows as it does for a short record).
   */
  async #evaluateInSlices(data: VaccinationData): Promise<void> {
    const key = this.#memoKey(data);
    const schedule = key[2] as ImmunizationSchedule | undefined;
    if (!schedule || !engine || !data.patient.birthDate) return;
    await nextTask();
    const steps = engine.evaluateScheduleSteps({
      patient: data.patient,
      immunizations: data.immunizations,
      schedule,
      asOf: this.evaluationDate,
    });
    let start = performance.now();
    for (;;) {
      let step: IteratorResult<undefined, ScheduleEvaluation>;
      try {
        step = steps.next();
      } catch {
        return;
      }
      if (step.done) {
        this.#remember(key, step.value);
        break;
      }
      if (performance.now() - start > SLICE_MS) {
        await nextTask();
        start = performance.now();
      }
    }
    // The render comes in a task of its own too.
    await nextTask();
  }

  #remember(key: unknown[], value: ScheduleEvaluation | undefined): void {
    this.#memo = { key, value };
    this.#vaccines = undefined;
    this.#labels = undefined;
  }

  /** True before the first update of a server-rendered shadow root (its template is hydrated). */
  protected get hydrating(): boolean {
    return !this.hasUpdated && !!this.shadowRoot?.firstChild;
  }

  #loadEngine(): Promise<unknown> {
    return loadScheduleEngine().catch((error: unknown) => {
      this.engineError = error;
    });
  }

  /**
   * True when the engine is here to render `.patient` and `.immunizations`. Else (properties
   * that arrived after the update began, e.g. set before the element was defined) it starts
   * the import and updates again once it has loaded: render the loading state meanwhile.
   */
  protected engineReady(): boolean {
    if (engine) return true;
    void this.#loadEngine().then(() => this.requestUpdate());
    return false;
  }

  /** The engine, when loaded (always, while rendering data: see `scheduleUpdate` and the task). */
  protected get engine(): ScheduleEngine | undefined {
    return engine;
  }

  /** Retry after the engine failed to load. */
  protected retryEngine(): void {
    this.engineError = undefined;
    this.requestUpdate();
  }

  /** True when `.patient` and `.immunizations` are given (no network). */
  protected get hasLocalData(): boolean {
    return this.patient !== undefined && this.immunizations !== undefined;
  }

  /** The evaluation day. */
  protected get evaluationDate(): string {
    if (this.asOf && /^\d{4}-\d{2}-\d{2}$/.test(this.asOf)) return this.asOf;
    const d = this.format.today();
    return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
  }

  #memo: { key: unknown[]; value: ScheduleEvaluation | undefined } | undefined;

  /** The schedule used for `patient`: `.schedule`, or Vietnam's for the patient's age. */
  protected scheduleOf(patient: Patient): ImmunizationSchedule | undefined {
    if (this.schedule) return this.schedule;
    if (!engine?.recordedDate(patient.birthDate)) return undefined;
    return engine.vnScheduleFor(
      { birthDate: patient.birthDate! },
      this.evaluationDate,
      this.pregnant ? { pregnant: true } : {},
    );
  }

  #memoKey(data: VaccinationData): unknown[] {
    const schedule = this.scheduleOf(data.patient);
    return [data.patient, data.immunizations, schedule, this.evaluationDate, engine];
  }

  #memoHits(data: VaccinationData): boolean {
    const key = this.#memoKey(data);
    return !!this.#memo && this.#memo.key.every((k, i) => k === key[i]);
  }

  /** Evaluate (memoised on its inputs); undefined without a birth date. */
  protected evaluate(data: VaccinationData): ScheduleEvaluation | undefined {
    const key = this.#memoKey(data);
    if (this.#memo && this.#memo.key.every((k, i) => k === key[i])) return this.#memo.value;
    const schedule = key[2] as ImmunizationSchedule | undefined;
    const value =
      schedule && engine && data.patient.birthDate
        ? engine.evaluateSchedule({
            patient: data.patient,
            immunizations: data.immunizations,
            schedule,
            asOf: this.evaluationDate,
          })
        : undefined;
    this.#remember(key, value);
    return value;
  }

  /**
   * True when the group's only series records doses without forecasting any (a service vaccine
   * Vietnam's schedule has no rows for: influenza, COVID-19 for a child).
   */
  protected isRecordedOnly(vaccineGroup: string): boolean {
    const antigens = this.#memo?.value?.antigens.filter((a) => a.vaccineGroup === vaccineGroup);
    return !!antigens?.length && antigens.every((a) => a.series?.type === 'evaluation-only');
  }

  #labels: Map<string, LocalizedText | undefined> | undefined;

  /**
   * The label of a target dose ("Sơ sinh", "Nhắc lại") in the series the engine chose for the
   * group's antigens in the last evaluation (so an adult's first dose is never "birth dose").
   */
  protected doseLabel(vaccineGroup: string, targetDose: number): LocalizedText | undefined {
    const ev = this.#memo?.value;
    const schedule = this.evaluatedSchedule;
    if (!ev || !schedule) return undefined;
    if (!this.#labels) {
      const labels = new Map<string, LocalizedText | undefined>();
      const antigens = new Map(schedule.antigens.map((a) => [a.id, a]));
      for (const a of ev.antigens) {
        const series = antigens.get(a.antigen)?.series.find((s) => s.id === a.series?.id);
        for (const d of series?.doses ?? []) {
          const key = `${a.vaccineGroup}|${d.doseNumber}`;
          if (!labels.has(key)) labels.set(key, d.label);
        }
      }
      this.#labels = labels;
    }
    return this.#labels.get(`${vaccineGroup}|${targetDose}`);
  }

  /** The schedule of the last evaluation. */
  protected get evaluatedSchedule(): ImmunizationSchedule | undefined {
    return this.#memo?.key[2] as ImmunizationSchedule | undefined;
  }

  #vaccines: Map<string, ScheduleVaccine> | undefined;

  /** The schedule vaccine `system|code` names in the evaluated schedule. */
  protected vaccineOf(ref: string | undefined): ScheduleVaccine | undefined {
    const schedule = this.evaluatedSchedule;
    if (!ref || !schedule) return undefined;
    this.#vaccines ??= new Map(schedule.vaccines.map((v) => [`${v.system}|${v.code}`, v]));
    return this.#vaccines.get(ref);
  }

  /** True when the patient is 16 or older on the evaluation day (adult words, adult schedule). */
  protected isAdult(patient: Patient | undefined): boolean {
    return !!engine?.isVnAdult(patient?.birthDate, this.evaluationDate);
  }

  /**
   * What a forecast dose shows as: the engine's `due` for rows checked against their source;
   * `unverified` for rows that are not (never "overdue", never counted).
   */
  protected shownDue(f: DoseForecast): DoseDueStatus | 'unverified' {
    return f.verified ? f.due : 'unverified';
  }

  /**
   * True when a dose is due now with no window that ends (no past-due date, e.g. an adult's
   * catch-up): its recommended date, often decades ago, is not shown as "due from".
   */
  protected isOpenEnded(f: DoseForecast): boolean {
    return f.due !== 'upcoming' && !f.pastDueDate;
  }

  /** The vaccination words of the element's table. */
  protected get words(): VaccinationWords {
    return this.t as unknown as VaccinationWords;
  }

  /** "2 tháng 3 ngày" — the age on `date` (as recorded) of a child born on `birthDate`. */
  protected ageText(birthDate: string, date: string | undefined): string {
    const birth = engine?.recordedDate(birthDate);
    const on = engine?.recordedDate(date);
    if (!birth || !on) return '';
    const age = engine!.ageOn(birth, on);
    const months = age.years * 12 + age.months;
    if (months === 0) return this.words.ageDays(age.totalDays);
    if (months < 24) return this.words.ageMonths(months, age.days);
    return this.words.ageYears(age.years, age.months);
  }

  /** "2 tháng", "7 tuổi", "Sơ sinh" for a schedule age. */
  protected scheduleAgeText(duration: ScheduleDuration | undefined): string | undefined {
    if (!duration) return undefined;
    const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
    if (!m) return undefined;
    const months = Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0);
    if (months === 0) return this.words.atBirth;
    if (months >= 24 && months % 12 === 0) return this.words.atYears(months / 12);
    return this.words.atMonths(months);
  }

  /**
   * What a row not checked against its source is called, and why it never counts as overdue:
   * a child's rows name the TCMR circular (Thông tư 10/2024/TT-BYT); an adult's rows are advice,
   * as Vietnam has no national adult schedule.
   */
  protected unverifiedWords(birthDate: string | undefined): { badge: string; hint: string } {
    const adult = !!engine?.isVnAdult(birthDate, this.evaluationDate);
    return adult
      ? { badge: this.words.unverifiedAdult, hint: this.words.unverifiedHintAdult }
      : { badge: this.words.unverified, hint: this.words.unverifiedHint };
  }

  /** Status words of a forecast dose. */
  protected dueLabel(due: DoseDueStatus | 'unverified'): string {
    return due === 'overdue'
      ? this.words.dueOverdue
      : due === 'due'
        ? this.words.dueDue
        : due === 'unverified'
          ? this.words.dueUnverified
          : this.words.dueUpcoming;
  }
}
