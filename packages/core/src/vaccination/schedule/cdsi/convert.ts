/**
 * The CDC's CDSi supporting data (AntigenSupportingData-*.xml and ScheduleSupportingData.xml,
 * version 4.x) converted to the engine's JSON schedule. Runs in a browser or in Node: the XML is
 * read by the small reader in `xml.ts`, nothing is fetched.
 *
 * @module
 */
import type {
  ImmunizationSchedule,
  LocalizedText,
  ScheduleObservation,
  ScheduleVaccine,
  ScheduleVaccineGroup,
  VaccineConflict,
} from '../types.ts';
import { ageOf, antigen, both, CVX, cvx, defined, yes } from './antigen.ts';
import { child, children, parseXml, textOf } from './xml.ts';
/** Code systems of the supporting data's coded observations. */
const CODE_SYSTEMS: Record<string, string> = {
  SNOMED: 'http://snomed.info/sct',
  CVX,
  // HL7 v2 table 0396 "CDCPHINVS" (PHIN VS, CDC local coding system).
  CDCPHINVS: 'urn:oid:2.16.840.1.114222.4.5.274',
};

/** Input of {@link fromCdsiSupportingData}. */
export interface CdsiSupportingDataInput {
  /** The text of each `AntigenSupportingData-<antigen>.xml`. */
  antigens: readonly string[];
  /** The text of `ScheduleSupportingData.xml`. */
  schedule: string;
  /** @default 'cdc-cdsi' */
  id?: string;
  /** @default { vi: 'Lịch tiêm chủng Hoa Kỳ (ACIP, CDC CDSi)', en: 'US immunization schedule (ACIP, CDC CDSi)' } */
  title?: LocalizedText;
  /** Cited as every dose row's source. @default 'CDC CDSi supporting data' */
  source?: string;
}

/**
 * Convert the CDC's CDSi supporting data (the XML texts) to a schedule for `evaluateSchedule`.
 * Every antigen file becomes an antigen with its series; the schedule file gives the vaccines
 * (CVX → antigens with association ages), vaccine groups, live virus conflicts and coded
 * observations. Durations become `P…` strings (`4 weeks - 4 days` → `P4W-4D`), dates
 * `YYYY-MM-DD`. Throws a `SyntaxError` on malformed XML and a `RangeError` on a value it cannot
 * read, naming it.
 *
 * @example
 * import { fromCdsiSupportingData } from '@vnhealth/core/schedule/cdsi';
 * const schedule = fromCdsiSupportingData({ antigens: [hepBXml, measlesXml], schedule: scheduleXml });
 * evaluateSchedule({ patient, immunizations, schedule, asOf: '2026-11-28' });
 */
export function fromCdsiSupportingData(input: CdsiSupportingDataInput): ImmunizationSchedule {
  const source = input.source ?? 'CDC CDSi supporting data';
  const antigens = input.antigens.map((x) => antigen(parseXml(x), source));
  const known = new Set(antigens.map((a) => a.id));
  const root = parseXml(input.schedule);

  const vaccines: ScheduleVaccine[] = children(child(root, 'cvxToAntigenMap'), 'cvxMap').map(
    (m) => ({
      system: CVX,
      code: textOf(m, 'cvx').trim(),
      display: textOf(m, 'shortDescription'),
      antigens: children(m, 'association')
        .filter((a) => known.has(textOf(a, 'antigen')))
        .map((a) =>
          defined({
            antigen: textOf(a, 'antigen'),
            beginAge: ageOf(a, 'associationBeginAge'),
            endAge: ageOf(a, 'associationEndAge'),
          }),
        ),
    }),
  );

  const full = new Map(
    children(child(root, 'vaccineGroups'), 'vaccineGroup').map((g) => [
      textOf(g, 'name'),
      yes(textOf(g, 'administerFullVaccineGroup')),
    ]),
  );
  const vaccineGroups: ScheduleVaccineGroup[] = children(
    child(root, 'vaccineGroupToAntigenMap'),
    'vaccineGroupMap',
  )
    .map((g) => {
      const id = textOf(g, 'name');
      return defined<ScheduleVaccineGroup>({
        id,
        name: both(id),
        antigens: children(g, 'antigen')
          .map((a) => a.text)
          .filter((a) => known.has(a)),
        administerFullGroup: full.get(id) || undefined,
      });
    })
    .filter((g) => g.antigens.length > 0);

  const conflicts: VaccineConflict[] = children(
    child(root, 'liveVirusConflicts'),
    'liveVirusConflict',
  ).map((c) => ({
    previous: cvx(textOf(child(c, 'previous'), 'cvx')),
    current: cvx(textOf(child(c, 'current'), 'cvx')),
    beginInterval: ageOf(c, 'conflictBeginInterval') ?? 'P0D',
    minimumEndInterval:
      ageOf(c, 'minConflictEndInterval') ?? ageOf(c, 'conflictEndInterval') ?? 'P0D',
    endInterval: ageOf(c, 'conflictEndInterval') ?? 'P0D',
  }));

  const observations: ScheduleObservation[] = children(
    child(root, 'observations'),
    'observation',
  ).map((o) => {
    const codings = children(child(o, 'codedValues'), 'codedValue').map((v) =>
      defined({
        system: CODE_SYSTEMS[textOf(v, 'codeSystem')] ?? textOf(v, 'codeSystem'),
        code: textOf(v, 'code'),
        display: textOf(v, 'text') || undefined,
      }),
    );
    return defined<ScheduleObservation>({
      code: textOf(o, 'observationCode'),
      title: textOf(o, 'observationTitle'),
      codings: codings.length ? codings : undefined,
    });
  });

  return {
    id: input.id ?? 'cdc-cdsi',
    title: input.title ?? {
      vi: 'Lịch tiêm chủng Hoa Kỳ (ACIP, CDC CDSi)',
      en: 'US immunization schedule (ACIP, CDC CDSi)',
    },
    warning:
      "The US ACIP schedule as published in the CDC's CDSi supporting data; not Vietnam's schedule.",
    vaccines,
    antigens,
    vaccineGroups,
    conflicts,
    observations,
  };
}
