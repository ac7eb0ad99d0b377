/**
 * Vaccine codes → target diseases. Small on purpose: it lives in the main entry so the history
 * client can group doses by disease without loading the schedule engine.
 *
 * @module
 */
import type { CodeableConcept, Coding } from '../fhir/index.ts';

/** The CVX code system (CDC vaccine administered codes). */
export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
/** The community VN Core vaccine type code system (codes by target disease). */
export const VN_VACCINE_TYPE_SYSTEM = 'http://fhir.hl7.org.vn/core/CodeSystem/vn-vaccine-type-cs';

/** Target diseases the SDK knows by name. */
export const VaccineDisease = {
  hepatitisB: 'hepatitis-b',
  tuberculosis: 'tuberculosis',
  diphtheria: 'diphtheria',
  pertussis: 'pertussis',
  tetanus: 'tetanus',
  hib: 'hib',
  polio: 'polio',
  measles: 'measles',
  rubella: 'rubella',
  mumps: 'mumps',
  japaneseEncephalitis: 'japanese-encephalitis',
  rotavirus: 'rotavirus',
  hepatitisA: 'hepatitis-a',
  varicella: 'varicella',
  influenza: 'influenza',
  pneumococcal: 'pneumococcal',
  hpv: 'hpv',
  covid19: 'covid-19',
} as const;

/** A target disease id (one of {@link VaccineDisease}), or any other string a schedule uses. */
export type VaccineDiseaseId = (typeof VaccineDisease)[keyof typeof VaccineDisease] | (string & {});

/** One vaccine code and what it protects against. */
export interface VaccineCodeEntry {
  system: string;
  code: string;
  display: string;
  /** Target diseases ({@link VaccineDisease} ids). */
  diseases: VaccineDiseaseId[];
  /** Live attenuated and injected: subject to the 28-day live-vaccine spacing rule. */
  liveParenteral?: boolean;
  /** A disease-level code (not a product): ignored when a product code is also present. */
  diseaseLevel?: boolean;
  /**
   * `false` when the code itself is not confirmed by a published code list (see `note`).
   * @default true
   */
  verified?: boolean;
  note?: string;
}

const D = VaccineDisease;
const cvx = (
  code: string,
  display: string,
  diseases: VaccineDiseaseId[],
  extra: Partial<VaccineCodeEntry> = {},
): VaccineCodeEntry => ({ system: CVX_SYSTEM, code, display, diseases, ...extra });

const UNPUBLISHED =
  'The vn-vaccine-type-cs code list is not public; only "measles" is seen in the IG example Immunization-ExampleImmunizationNotDone. Other codes follow the same disease-name pattern and are unverified.';
const vn = (code: string, display: string, diseases: VaccineDiseaseId[]): VaccineCodeEntry => ({
  system: VN_VACCINE_TYPE_SYSTEM,
  code,
  display,
  diseases,
  diseaseLevel: true,
  ...(code === 'measles' ? {} : { verified: false, note: UNPUBLISHED }),
});

/**
 * The vaccine codes the SDK recognises: CVX (including 198, the non-US pentavalent DTP-HepB-Hib
 * vaccine Vietnam uses, which the hl7vn value set lacks) and the community IG's
 * `vn-vaccine-type-cs`.
 */
export const vaccineCodes: readonly VaccineCodeEntry[] = [
  cvx('08', 'Hepatitis B, paediatric', [D.hepatitisB]),
  cvx('45', 'Hepatitis B, unspecified formulation', [D.hepatitisB]),
  cvx('19', 'BCG', [D.tuberculosis]),
  cvx('198', 'DTP-hepB-Hib pentavalent, non-US', [
    D.diphtheria,
    D.tetanus,
    D.pertussis,
    D.hepatitisB,
    D.hib,
  ]),
  cvx('102', 'DTP-Hib-hepB', [D.diphtheria, D.tetanus, D.pertussis, D.hepatitisB, D.hib]),
  cvx('146', 'DTaP-IPV-Hib-hepB hexavalent', [
    D.diphtheria,
    D.tetanus,
    D.pertussis,
    D.hepatitisB,
    D.hib,
    D.polio,
  ]),
  cvx('01', 'DTP', [D.diphtheria, D.tetanus, D.pertussis]),
  cvx('20', 'DTaP', [D.diphtheria, D.tetanus, D.pertussis]),
  cvx('106', 'DTaP, 5 pertussis antigens', [D.diphtheria, D.tetanus, D.pertussis]),
  cvx('107', 'DTaP, unspecified formulation', [D.diphtheria, D.tetanus, D.pertussis]),
  cvx('22', 'DTP-Hib', [D.diphtheria, D.tetanus, D.pertussis, D.hib]),
  cvx('09', 'Td (adult)', [D.diphtheria, D.tetanus]),
  cvx('113', 'Td (adult), 5 Lf tetanus', [D.diphtheria, D.tetanus]),
  cvx('139', 'Td (adult), unspecified formulation', [D.diphtheria, D.tetanus]),
  cvx('115', 'Tdap', [D.diphtheria, D.tetanus, D.pertussis]),
  cvx('28', 'DT (paediatric)', [D.diphtheria, D.tetanus]),
  cvx('35', 'Tetanus toxoid, adsorbed', [D.tetanus]),
  cvx('112', 'Tetanus toxoid, unspecified formulation', [D.tetanus]),
  cvx('17', 'Hib, unspecified formulation', [D.hib]),
  cvx('10', 'IPV', [D.polio]),
  cvx('89', 'Polio, unspecified formulation', [D.polio]),
  cvx('02', 'OPV, trivalent', [D.polio]),
  cvx('178', 'OPV, bivalent (non-US)', [D.polio]),
  cvx('179', 'OPV, monovalent (non-US)', [D.polio]),
  cvx('182', 'OPV, unspecified formulation', [D.polio]),
  cvx('05', 'Measles', [D.measles], { liveParenteral: true }),
  cvx('04', 'Measles-rubella (MR)', [D.measles, D.rubella], { liveParenteral: true }),
  cvx('03', 'MMR', [D.measles, D.mumps, D.rubella], { liveParenteral: true }),
  cvx('94', 'MMRV', [D.measles, D.mumps, D.rubella, D.varicella], { liveParenteral: true }),
  cvx('06', 'Rubella', [D.rubella], { liveParenteral: true }),
  cvx('21', 'Varicella', [D.varicella], { liveParenteral: true }),
  cvx('39', 'Japanese encephalitis, SC (inactivated)', [D.japaneseEncephalitis]),
  cvx('129', 'Japanese encephalitis, unspecified formulation', [D.japaneseEncephalitis]),
  cvx('134', 'Japanese encephalitis, IM (inactivated)', [D.japaneseEncephalitis]),
  cvx('116', 'Rotavirus, pentavalent', [D.rotavirus]),
  cvx('119', 'Rotavirus, monovalent', [D.rotavirus]),
  cvx('122', 'Rotavirus, unspecified formulation', [D.rotavirus]),
  cvx('83', 'Hepatitis A, paediatric 2 dose', [D.hepatitisA]),
  cvx('85', 'Hepatitis A, unspecified formulation', [D.hepatitisA]),
  cvx('88', 'Influenza, unspecified formulation', [D.influenza]),
  cvx('133', 'Pneumococcal conjugate PCV13', [D.pneumococcal]),
  cvx('137', 'HPV, unspecified formulation', [D.hpv]),
  cvx('213', 'SARS-CoV-2 (COVID-19), unspecified', [D.covid19]),
  vn('measles', 'Vaccine sởi', [D.measles]),
  vn('hepatitis-b', 'Vaccine viêm gan B', [D.hepatitisB]),
  vn('tuberculosis', 'Vaccine lao (BCG)', [D.tuberculosis]),
  vn('diphtheria', 'Vaccine bạch hầu', [D.diphtheria]),
  vn('pertussis', 'Vaccine ho gà', [D.pertussis]),
  vn('tetanus', 'Vaccine uốn ván', [D.tetanus]),
  vn('hib', 'Vaccine Hib', [D.hib]),
  vn('polio', 'Vaccine bại liệt', [D.polio]),
  vn('rubella', 'Vaccine rubella', [D.rubella]),
  vn('japanese-encephalitis', 'Vaccine viêm não Nhật Bản', [D.japaneseEncephalitis]),
  vn('rotavirus', 'Vaccine tiêu chảy do rota virus', [D.rotavirus]),
];

const byKey = new Map(vaccineCodes.map((e) => [`${e.system}|${e.code}`, e]));

/** The known entry for one coding, if any. */
export function lookupVaccineCode(
  coding: Pick<Coding, 'system' | 'code'>,
): VaccineCodeEntry | undefined {
  if (!coding.code) return undefined;
  return byKey.get(`${coding.system ?? ''}|${coding.code}`);
}

/**
 * The target diseases of a vaccine, from every recognised coding of the concept (CVX, the
 * community `vn-vaccine-type-cs`), in a stable order.
 *
 * @example
 * diseasesOf({ coding: [{ system: CVX_SYSTEM, code: '198' }] });
 * // → ['diphtheria', 'tetanus', 'pertussis', 'hepatitis-b', 'hib']
 */
export function diseasesOf(concept: CodeableConcept | undefined): VaccineDiseaseId[] {
  const out: VaccineDiseaseId[] = [];
  for (const coding of concept?.coding ?? []) {
    for (const d of lookupVaccineCode(coding)?.diseases ?? []) if (!out.includes(d)) out.push(d);
  }
  return out;
}
