import type { PropertyDeclarations } from 'lit';
/**
 * What the two vaccination elements share: inputs (`patient-id`, or `.patient` +
 * `.immunizations`), loading through the provider's client, the schedule evaluation and age
 * wording. Internal to the vaccination elements.
 */
import type { Immunization, Patient } from '@vnhealth/core';
import {
  ageOn,
  evaluateSchedule,
  recordedDate,
  vnTcmrSchedule,
  type DoseDueStatus,
  type ImmunizationSchedule,
  type ScheduleDuration,
  type ScheduleEvaluation,
} from '@vnhealth/core/schedule';
import { VnhElement } from '../shared/element.ts';
import type { Messages, SameShape } from '../shared/i18n.ts';
import { MissingClientError } from '../shared/states.ts';
import { Task } from '../shared/task.ts';
import type { vaccinationVi } from './vaccination-history.i18n.ts';

/** The data a vaccination element renders. */
export interface VaccinationData {
  patient: Patient;
  immunizations: Immunization[];
}

type VaccinationWords = SameShape<typeof vaccinationVi>;

const pad = (n: number) => String(n).padStart(2, '0');

/** Base class of `<vnh-vaccination-history>` and `<vnh-vaccination-schedule>`. */
export abstract class VaccinationElement<M extends Messages> extends VnhElement<M> {
  static override properties: PropertyDeclarations = {
    patientId: { attribute: 'patient-id' },
    patient: { attribute: false },
    immunizations: { attribute: false },
    asOf: { attribute: 'as-of' },
    schedule: { attribute: false },
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

  /** The schedule to evaluate against. @default vnTcmrSchedule */
  schedule: ImmunizationSchedule = vnTcmrSchedule;

  protected readonly loader = new Task(this, {
    task: async ([id, client, local], { signal }): Promise<VaccinationData | undefined> => {
      if (local || !id) return undefined;
      if (!client) throw new MissingClientError();
      const [patient, history] = await Promise.all([
        client.records.getPatient(id, { signal }),
        client.vaccination.getHistory(id, { signal }),
      ]);
      return { patient, immunizations: history.immunizations };
    },
    args: () => [this.patientId, this.resolvedClient, this.hasLocalData] as const,
  });

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

  /** Evaluate (memoised on its inputs); undefined without a birth date. */
  protected evaluate(data: VaccinationData): ScheduleEvaluation | undefined {
    const key = [data.patient, data.immunizations, this.schedule, this.evaluationDate];
    if (this.#memo && this.#memo.key.every((k, i) => k === key[i])) return this.#memo.value;
    const value = data.patient.birthDate
      ? evaluateSchedule({
          patient: data.patient,
          immunizations: data.immunizations,
          schedule: this.schedule,
          asOf: this.evaluationDate,
        })
      : undefined;
    this.#memo = { key, value };
    return value;
  }

  /** The vaccination words of the element's table. */
  protected get words(): VaccinationWords {
    return this.t as unknown as VaccinationWords;
  }

  /** "2 tháng 3 ngày" — the age on `date` (as recorded) of a child born on `birthDate`. */
  protected ageText(birthDate: string, date: string | undefined): string {
    const birth = recordedDate(birthDate);
    const on = recordedDate(date);
    if (!birth || !on) return '';
    const age = ageOn(birth, on);
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

  /** Status words of a forecast dose. */
  protected dueLabel(due: DoseDueStatus): string {
    return due === 'overdue'
      ? this.words.dueOverdue
      : due === 'due'
        ? this.words.dueDue
        : this.words.dueUpcoming;
  }
}
