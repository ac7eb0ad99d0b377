/**
 * The data `<vnh-consult-booking>` loads, as three tasks that only fetch (none sets state): the
 * doctors (for the chosen specialty and mode, or the preset doctor, always inside the host's
 * scope), a month of free slots, and the patient's record (to prefill the phone).
 */
import type { ReactiveControllerHost } from 'lit';
import type {
  ConsultMode,
  FindServicesQuery,
  FreeSlot,
  HealthClient,
  Patient,
} from '@vnhealth/core';
import { MissingClientError } from '../shared/states.ts';
import { Task } from '../shared/task.ts';
import { addMonths } from './booking-calendar.ts';

/** The host scope: what `facility`, `organization` and `province` ask for. */
export type BookingScope = Pick<FindServicesQuery, 'facility' | 'organization' | 'province'>;

/** What the tasks read before each update of the host. */
export interface BookingSource {
  readonly client: HealthClient | undefined;
  /** The doctor step needs its list (no `.offerings` given). */
  readonly doctorsNeeded: boolean;
  readonly presetDoctor: string | undefined;
  readonly specialty: string | undefined;
  readonly mode: ConsultMode;
  /** `facility`, `organization`, `province` as the host set them. */
  readonly scope: readonly [string | undefined, string | undefined, string | undefined];
  /** On the day or time step with a doctor known: whose slots. */
  readonly slotsOf: string | undefined;
  readonly month: string;
  readonly today: string;
  readonly reload: number;
  /** The patient to read (undefined when `.patient` is given). */
  readonly patientId: string | undefined;
}

/** The scope as one comparable value (a task runs again when an argument is not `===`). */
function scopeKey(scope: BookingSource['scope']): string {
  return JSON.stringify(scope);
}

export class BookingData {
  readonly doctors;
  readonly availability;
  readonly patient;

  constructor(host: ReactiveControllerHost, source: () => BookingSource) {
    this.doctors = new Task(host, {
      task: async ([needed, roleId, specialty, mode, scope, client], { signal }) => {
        if (!needed) return undefined;
        if (!client) throw new MissingClientError();
        const [facility, organization, province] = JSON.parse(scope) as (string | null)[];
        const scoped: BookingScope = {
          ...(facility ? { facility } : {}),
          ...(organization ? { organization } : {}),
          ...(province ? { province } : {}),
        };
        const query: FindServicesQuery = roleId
          ? { practitionerRole: roleId }
          : { ...(specialty ? { specialty } : {}), mode };
        return client.telemedicine.findServices({ ...query, ...scoped }, { signal });
      },
      args: () => {
        const s = source();
        return [
          Boolean(s.presetDoctor) || s.doctorsNeeded,
          s.presetDoctor,
          s.specialty,
          s.mode,
          scopeKey(s.scope),
          s.client,
        ] as const;
      },
    });
    this.availability = new Task(host, {
      task: async ([roleId, month, mode, today, client], { signal }) => {
        if (!roleId) return undefined;
        if (!client) throw new MissingClientError();
        const first = `${month}-01`;
        const from = first < today ? today : first;
        const to = `${addMonths(month, 1)}-01`;
        if (from >= to) return new Map<string, FreeSlot[]>();
        const result = await client.telemedicine.findSlots(
          { practitionerRole: roleId, from, to, mode },
          { signal },
        );
        return new Map(result.days.map((d) => [d.date, d.slots] as const));
      },
      args: () => {
        const s = source();
        return [s.slotsOf, s.month, s.mode, s.today, s.client, s.reload] as const;
      },
    });
    this.patient = new Task(host, {
      task: async ([id, client], { signal }): Promise<Patient | undefined> => {
        if (!id || !client) return undefined;
        // Only a convenience (the phone's first value): without the record the field starts empty.
        return client.fhir
          .read('Patient', id.replace(/^Patient\//, ''), { signal })
          .catch(() => undefined);
      },
      args: () => {
        const s = source();
        return [s.patientId, s.client] as const;
      },
    });
  }
}
