/**
 * `vaccination.getHistory` and `getRecommendations`: every page read, entered-in-error left out,
 * the same dose reported by several facilities merged.
 *
 * @internal
 * @module
 */
import type { CodeableConcept, Immunization, ImmunizationRecommendation } from '../fhir/index.ts';
import type { RequestOptions, SearchResult } from '../http/types.ts';
import type {
  VaccinationContext,
  VaccinationHistory,
  VaccinationHistoryEntry,
  VaccinationHistoryGroup,
} from './client.ts';
import { diseasesOf, lookupVaccineCode, VaccineDisease } from './codes.ts';
import { daysBetween, recordedDate } from '../kernel.ts';

/** Whole days between two calendar dates, either order. */
function dayDiff(a: string, b: string): number {
  return Math.abs(daysBetween(a, b));
}

export function codeKeys(concept: CodeableConcept | undefined): string[] {
  return (concept?.coding ?? []).filter((c) => c.code).map((c) => `${c.system ?? ''}|${c.code}`);
}

/** Product codes, with the CVX codes an ATC code counts as (`sameAs`). */
const productKeys = (concept: CodeableConcept | undefined): string[] =>
  (concept?.coding ?? []).flatMap((c) => {
    const entry = lookupVaccineCode(c);
    return !c.code || entry?.diseaseLevel
      ? []
      : [`${c.system ?? ''}|${c.code}`, ...(entry?.sameAs ?? [])];
  });

/**
 * Same product code (an ATC code and the CVX code it counts as are the same); else (no product
 * code on one side) a shared code or the same diseases.
 */
function sameVaccine(a: Immunization, b: Immunization): boolean {
  const pa = productKeys(a.vaccineCode);
  const pb = productKeys(b.vaccineCode);
  if (pa.length && pb.length) return pa.some((k) => pb.includes(k));
  const ka = codeKeys(a.vaccineCode);
  const kb = codeKeys(b.vaccineCode);
  if (ka.some((k) => kb.includes(k))) return true;
  const da = diseasesOf(a.vaccineCode).sort().join();
  return da !== '' && da === diseasesOf(b.vaccineCode).sort().join();
}

/** Higher is a better record to keep. */
function richness(imm: Immunization): number {
  return (
    (imm.primarySource ? 100 : 0) +
    (imm.lotNumber ? 10 : 0) +
    (imm.performer?.length ? 5 : 0) +
    (imm.location ? 3 : 0) +
    Object.keys(imm).length / 100
  );
}

function dedupe(list: Immunization[]): VaccinationHistoryEntry[] {
  const entries: VaccinationHistoryEntry[] = [];
  const sorted = list
    .map((imm) => ({ imm, date: recordedDate(imm.occurrenceDateTime ?? imm.occurrenceString) }))
    .filter((x): x is { imm: Immunization; date: string } => x.date !== undefined)
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : richness(b.imm) - richness(a.imm),
    );
  for (const { imm, date } of sorted) {
    const status = imm.status === 'not-done' ? 'not-done' : 'completed';
    const same = entries.find(
      (e) =>
        e.status === status &&
        dayDiff(e.date, date) <= 1 &&
        e.immunization.patient?.reference === imm.patient?.reference &&
        sameVaccine(e.immunization, imm),
    );
    if (same) {
      if (richness(imm) > richness(same.immunization)) {
        same.duplicates.push(same.immunization);
        same.immunization = imm;
        same.date = date;
      } else same.duplicates.push(imm);
      continue;
    }
    entries.push({
      immunization: imm,
      date,
      status,
      diseases: diseasesOf(imm.vaccineCode),
      duplicates: [],
    });
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function groupByDisease(entries: VaccinationHistoryEntry[]): VaccinationHistoryGroup[] {
  const order: string[] = Object.values(VaccineDisease);
  const groups = new Map<string, VaccinationHistoryEntry[]>();
  for (const e of entries) {
    for (const d of e.diseases.length ? e.diseases : ['other']) {
      groups.set(d, [...(groups.get(d) ?? []), e]);
    }
  }
  const rank = (d: string) =>
    d === 'other' ? Infinity : order.indexOf(d) < 0 ? order.length : order.indexOf(d);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([disease, list]) => ({ disease, entries: list }));
}

const patientRef = (id: string) => (id.includes('/') ? id : `Patient/${id}`);

/**
 * `VaccinationClient.getHistory`; `pages` is its search (`historyQuery`), already started by the
 * client while this module loads. Taking it in keeps this lazy module from importing `client.ts`,
 * which would make a consumer's bundler split the client into a chunk of its own.
 */
export async function getHistory(
  ctx: VaccinationContext,
  patientId: string,
  options: RequestOptions | undefined,
  pages: AsyncIterable<SearchResult<Immunization>>,
): Promise<VaccinationHistory> {
  const all: Immunization[] = [];
  for await (const page of pages) all.push(...page.resources);
  const entries = dedupe(all.filter((i) => i.status !== 'entered-in-error'));
  return {
    patientId,
    entries,
    groups: groupByDisease(entries),
    immunizations: entries.map((e) => e.immunization),
  };
}

/** `VaccinationClient.getRecommendations`. */
export async function getRecommendations(
  ctx: VaccinationContext,
  patientId: string,
  options: RequestOptions = {},
): Promise<ImmunizationRecommendation[]> {
  const out: ImmunizationRecommendation[] = [];
  for await (const page of ctx.fhir.pages(
    'ImmunizationRecommendation',
    { patient: patientRef(patientId), _count: 50 },
    options,
  )) {
    out.push(...page.resources);
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
