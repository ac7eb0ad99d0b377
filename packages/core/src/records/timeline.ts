import type { Condition, Encounter, Immunization, Observation, Resource } from '../fhir/index.ts';
import { conceptText, conditionCode, encounterDate } from './summary.ts';
import type { TimelineEntry, TimelineKind } from './types.ts';
import {
  byDateDesc,
  isVoidObservation,
  observationDate,
  toVitalReading,
  vitalKindOf,
} from './vitals.ts';

/** Every timeline kind, in display order. */
export const TIMELINE_KINDS: readonly TimelineKind[] = [
  'encounter',
  'condition',
  'vital',
  'immunization',
];

/** The FHIR search behind each timeline kind (patient filter and sort added by the client). */
export const TIMELINE_SEARCH: Record<
  TimelineKind,
  {
    type: 'Encounter' | 'Condition' | 'Observation' | 'Immunization';
    /** The patient search parameter with its `=` and prefix; the id follows. */
    patient: string;
    params: string;
    sort: string;
  }
> = {
  encounter: { type: 'Encounter', patient: 'subject=Patient/', params: '', sort: '-date' },
  condition: { type: 'Condition', patient: 'subject=Patient/', params: '', sort: '-recorded-date' },
  vital: {
    type: 'Observation',
    patient: 'subject=Patient/',
    params: 'category=vital-signs',
    sort: '-date',
  },
  immunization: { type: 'Immunization', patient: 'patient=', params: '', sort: '-date' },
};

function conditionInError(condition: Condition): boolean {
  return (condition.verificationStatus?.coding ?? []).some((c) => c.code === 'entered-in-error');
}

function encounterEntry(e: Encounter): TimelineEntry {
  const title =
    conceptText(e.type?.[0]) ||
    conceptText(e.serviceType) ||
    e.class?.display ||
    e.class?.code ||
    '';
  const place = e.serviceProvider?.display ?? e.location?.[0]?.location?.display;
  const reason = conceptText(e.reasonCode?.[0]);
  const detail = [reason, place].filter(Boolean).join(' · ');
  return {
    key: `Encounter/${e.id ?? ''}`,
    kind: 'encounter',
    date: encounterDate(e),
    title,
    ...(e.class?.code ? { code: e.class.code } : {}),
    ...(detail ? { detail } : {}),
    ...(e.status ? { status: e.status } : {}),
    ...(e.status === 'entered-in-error' ? { enteredInError: true } : {}),
    resource: e,
  };
}

function conditionEntry(c: Condition): TimelineEntry {
  const { code, display } = conditionCode(c);
  const status = c.clinicalStatus?.coding?.[0]?.code;
  return {
    key: `Condition/${c.id ?? ''}`,
    kind: 'condition',
    date: c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate,
    title: display,
    ...(code ? { code } : {}),
    ...(c.recorder?.display ? { detail: c.recorder.display } : {}),
    ...(status ? { status } : {}),
    ...(conditionInError(c) ? { enteredInError: true } : {}),
    resource: c,
  };
}

function observationEntry(o: Observation): TimelineEntry {
  const kind = vitalKindOf(o);
  const reading = kind ? toVitalReading(o, kind) : undefined;
  const loinc = o.code?.coding?.find((c) => c.system === 'http://loinc.org')?.code;
  return {
    key: `Observation/${o.id ?? ''}`,
    kind: 'vital',
    date: observationDate(o),
    title: conceptText(o.code),
    ...(loinc ? { code: loinc } : {}),
    ...(o.status ? { status: o.status } : {}),
    ...(kind && reading
      ? {
          vital: {
            kind,
            value: reading.value,
            unit: reading.unit,
            ...(reading.diastolic !== undefined ? { diastolic: reading.diastolic } : {}),
          },
        }
      : {}),
    ...(isVoidObservation(o) ? { enteredInError: true } : {}),
    resource: o,
  };
}

function immunizationEntry(i: Immunization): TimelineEntry {
  const code = i.vaccineCode?.coding?.[0]?.code;
  const detail = [i.lotNumber, i.performer?.[0]?.actor?.display ?? i.location?.display]
    .filter(Boolean)
    .join(' · ');
  return {
    key: `Immunization/${i.id ?? ''}`,
    kind: 'immunization',
    date: i.occurrenceDateTime ?? i.recorded,
    title: conceptText(i.vaccineCode),
    ...(code ? { code } : {}),
    ...(detail ? { detail } : {}),
    ...(i.status ? { status: i.status } : {}),
    ...(i.status === 'entered-in-error' ? { enteredInError: true } : {}),
    resource: i,
  };
}

/**
 * A timeline entry for an Encounter, Condition, vital-sign Observation or Immunization;
 * undefined for other resources.
 *
 * @example toTimelineEntry(encounter) // { key: 'Encounter/1', kind: 'encounter', date: '2026-10-02T08:00:00+07:00', … }
 */
export function toTimelineEntry(resource: Resource): TimelineEntry | undefined {
  switch (resource.resourceType) {
    case 'Encounter':
      return encounterEntry(resource);
    case 'Condition':
      return conditionEntry(resource);
    case 'Observation':
      return observationEntry(resource);
    case 'Immunization':
      return immunizationEntry(resource);
    default:
      return undefined;
  }
}

/**
 * Order timeline entries newest first (undated last, then by key for a stable order).
 *
 * @example entries.sort(compareEntries);
 */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return byDateDesc(a.date, b.date) || a.key.localeCompare(b.key);
}

/**
 * The timeline entries contained in a summary (recent encounters, active conditions, vital-sign
 * readings), newest first. For rendering a summary already in hand without another request.
 *
 * @example const entries = summaryTimeline(await health.records.getSummary('vnh-pt-001'));
 */
export function summaryTimeline(summary: {
  encounters: readonly Encounter[];
  conditions: readonly Condition[];
  vitals: Partial<Record<string, { history: readonly { observation?: Observation }[] }>>;
}): TimelineEntry[] {
  const resources: Resource[] = [...summary.encounters, ...summary.conditions];
  const seen = new Set<Observation>();
  for (const series of Object.values(summary.vitals)) {
    for (const reading of series?.history ?? []) {
      if (reading.observation && !seen.has(reading.observation)) {
        seen.add(reading.observation);
        resources.push(reading.observation);
      }
    }
  }
  return resources
    .flatMap((r) => toTimelineEntry(r) ?? [])
    .filter((e) => !e.enteredInError)
    .sort(compareEntries);
}
