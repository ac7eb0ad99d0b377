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
/**
 * The WHO ATC classification (vaccines are J07). The hl7vn vaccine value set includes all of it;
 * the community VN Core uses it at product level.
 */
export const ATC_SYSTEM = 'http://www.whocc.no/atc';

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
  meningococcal: 'meningococcal',
  zoster: 'zoster',
  rabies: 'rabies',
  typhoid: 'typhoid',
  cholera: 'cholera',
  dengue: 'dengue',
  yellowFever: 'yellow-fever',
} as const;

/** A target disease id (one of {@link VaccineDisease}), or any other string a schedule uses. */
export type VaccineDiseaseId = (typeof VaccineDisease)[keyof typeof VaccineDisease] | (string & {});

/** One vaccine code and what it protects against. */
export interface VaccineCodeEntry {
  system: string;
  code: string;
  /** The code system's display (English for CVX). */
  display: string;
  /** The name to show: as a Vietnamese nurse writes it, and in English. */
  name: { vi: string; en: string };
  /** Target diseases ({@link VaccineDisease} ids). */
  diseases: VaccineDiseaseId[];
  /** Live attenuated and injected: subject to the 28-day live-vaccine spacing rule. */
  liveParenteral?: boolean;
  /** A disease-level code (not a product): ignored when a product code is also present. */
  diseaseLevel?: boolean;
  /**
   * The CVX codes (`system|code`) this code counts as in Vietnam's schedules: its CVX
   * equivalent, or, for a combination with no CVX entry here, one per component the schedules
   * count it for. Set on ATC codes; a schedule lists such a code wherever its equivalents are,
   * and a record coded with both counts once, as the CVX code. The mapping is the SDK's.
   */
  sameAs?: `${string}|${string}`[];
  /**
   * `false` when the code itself is not confirmed by a published code list (see `note`).
   * @default true
   */
  verified?: boolean;
  note?: string;
}

const D = VaccineDisease;
/** A CVX entry; its English name is its display. */
const cvx = (
  code: string,
  display: string,
  vi: string,
  diseases: VaccineDiseaseId[],
  extra: Partial<VaccineCodeEntry> = {},
): VaccineCodeEntry => ({
  system: CVX_SYSTEM,
  code,
  display,
  name: { vi, en: display },
  diseases,
  ...extra,
});

const UNPUBLISHED =
  'The vn-vaccine-type-cs code list is not public; only "measles" is seen in the IG example Immunization-ExampleImmunizationNotDone. Other codes follow the same disease-name pattern and are unverified.';
const vn = (
  code: string,
  display: string,
  en: string,
  diseases: VaccineDiseaseId[],
): VaccineCodeEntry => ({
  system: VN_VACCINE_TYPE_SYSTEM,
  code,
  display,
  name: { vi: display.replace('Vaccine', 'Vắc xin'), en },
  diseases,
  diseaseLevel: true,
  ...(code === 'measles' ? {} : { verified: false, note: UNPUBLISHED }),
});

const DTP = [D.diphtheria, D.tetanus, D.pertussis];
const DT = [D.diphtheria, D.tetanus];
const PENTA = [...DTP, D.hepatitisB, D.hib];
const live = { liveParenteral: true };

const cvxCodes: VaccineCodeEntry[] = [
  cvx('08', 'Hepatitis B, paediatric', 'Viêm gan B (trẻ em)', [D.hepatitisB]),
  cvx('45', 'Hepatitis B, unspecified formulation', 'Viêm gan B', [D.hepatitisB]),
  cvx('43', 'Hepatitis B, adult', 'Viêm gan B (người lớn)', [D.hepatitisB]),
  cvx('19', 'BCG', 'Lao (BCG)', [D.tuberculosis]),
  cvx(
    '198',
    'DTP-hepB-Hib pentavalent, non-US',
    'Vắc xin 5 trong 1 (bạch hầu, ho gà, uốn ván, viêm gan B, Hib)',
    PENTA,
  ),
  cvx('102', 'DTP-Hib-hepB', 'Vắc xin 5 trong 1 (DTP-Hib-viêm gan B)', PENTA),
  cvx(
    '146',
    'DTaP-IPV-Hib-hepB hexavalent',
    'Vắc xin 6 trong 1 (bạch hầu, ho gà, uốn ván, bại liệt, Hib, viêm gan B)',
    [...PENTA, D.polio],
  ),
  cvx('01', 'DTP', 'Bạch hầu – ho gà – uốn ván (DPT)', DTP),
  cvx('20', 'DTaP', 'Bạch hầu – ho gà vô bào – uốn ván (DTaP)', DTP),
  cvx('106', 'DTaP, 5 pertussis antigens', 'Bạch hầu – ho gà vô bào – uốn ván (DTaP)', DTP),
  cvx('107', 'DTaP, unspecified formulation', 'Bạch hầu – ho gà vô bào – uốn ván (DTaP)', DTP),
  cvx('22', 'DTP-Hib', 'Vắc xin 4 trong 1 (DTP-Hib)', [...DTP, D.hib]),
  cvx('09', 'Td (adult)', 'Uốn ván – bạch hầu giảm liều (Td)', DT),
  cvx('113', 'Td (adult), 5 Lf tetanus', 'Uốn ván – bạch hầu giảm liều (Td)', DT),
  cvx('139', 'Td (adult), unspecified formulation', 'Uốn ván – bạch hầu giảm liều (Td)', DT),
  cvx('115', 'Tdap', 'Uốn ván – bạch hầu – ho gà giảm liều (Tdap)', DTP),
  cvx('28', 'DT (paediatric)', 'Bạch hầu – uốn ván (DT, trẻ em)', DT),
  cvx('35', 'Tetanus toxoid, adsorbed', 'Uốn ván hấp phụ (VAT)', [D.tetanus]),
  cvx('112', 'Tetanus toxoid, unspecified formulation', 'Uốn ván (VAT)', [D.tetanus]),
  cvx('17', 'Hib, unspecified formulation', 'Hib', [D.hib]),
  cvx('48', 'Hib (PRP-T)', 'Hib (PRP-T)', [D.hib]),
  cvx('49', 'Hib (PRP-OMP)', 'Hib (PRP-OMP)', [D.hib]),
  cvx('10', 'IPV', 'Bại liệt tiêm (IPV)', [D.polio]),
  cvx('89', 'Polio, unspecified formulation', 'Bại liệt', [D.polio]),
  cvx('02', 'OPV, trivalent', 'Bại liệt uống (tOPV)', [D.polio]),
  cvx('178', 'OPV, bivalent (non-US)', 'Bại liệt uống (bOPV)', [D.polio]),
  cvx('179', 'OPV, monovalent (non-US)', 'Bại liệt uống (mOPV)', [D.polio]),
  cvx('182', 'OPV, unspecified formulation', 'Bại liệt uống (OPV)', [D.polio]),
  cvx('05', 'Measles', 'Sởi', [D.measles], live),
  cvx('04', 'Measles-rubella (MR)', 'Sởi – Rubella (MR)', [D.measles, D.rubella], live),
  cvx('03', 'MMR', 'Sởi – Quai bị – Rubella (MMR)', [D.measles, D.mumps, D.rubella], live),
  cvx(
    '94',
    'MMRV',
    'Sởi – Quai bị – Rubella – Thủy đậu (MMRV)',
    [D.measles, D.mumps, D.rubella, D.varicella],
    live,
  ),
  cvx('06', 'Rubella', 'Rubella', [D.rubella], live),
  cvx('21', 'Varicella', 'Thủy đậu', [D.varicella], live),
  cvx(
    '39',
    'Japanese encephalitis, SC (inactivated)',
    'Viêm não Nhật Bản (bất hoạt, tiêm dưới da)',
    [D.japaneseEncephalitis],
  ),
  cvx('129', 'Japanese encephalitis, unspecified formulation', 'Viêm não Nhật Bản', [
    D.japaneseEncephalitis,
  ]),
  cvx('134', 'Japanese encephalitis, IM (inactivated)', 'Viêm não Nhật Bản (bất hoạt, tiêm bắp)', [
    D.japaneseEncephalitis,
  ]),
  cvx('116', 'Rotavirus, pentavalent', 'Rota (5 chủng)', [D.rotavirus]),
  cvx('119', 'Rotavirus, monovalent', 'Rota (1 chủng)', [D.rotavirus]),
  cvx('122', 'Rotavirus, unspecified formulation', 'Rota', [D.rotavirus]),
  cvx('83', 'Hepatitis A, paediatric 2 dose', 'Viêm gan A (trẻ em)', [D.hepatitisA]),
  cvx('52', 'Hepatitis A, adult', 'Viêm gan A (người lớn)', [D.hepatitisA]),
  cvx('85', 'Hepatitis A, unspecified formulation', 'Viêm gan A', [D.hepatitisA]),
  cvx('104', 'Hepatitis A-hepatitis B', 'Viêm gan A + B', [D.hepatitisA, D.hepatitisB]),
  cvx('140', 'Influenza, injectable, preservative free', 'Cúm mùa', [D.influenza]),
  cvx('141', 'Influenza, injectable', 'Cúm mùa', [D.influenza]),
  cvx('150', 'Influenza, quadrivalent, preservative free', 'Cúm mùa 4 chủng', [D.influenza]),
  cvx('158', 'Influenza, quadrivalent', 'Cúm mùa 4 chủng', [D.influenza]),
  cvx('161', 'Influenza, quadrivalent, paediatric', 'Cúm mùa 4 chủng (trẻ em)', [D.influenza]),
  cvx('88', 'Influenza, unspecified formulation', 'Cúm', [D.influenza]),
  cvx('133', 'Pneumococcal conjugate PCV13', 'Phế cầu cộng hợp 13 (PCV13)', [D.pneumococcal]),
  cvx('215', 'Pneumococcal conjugate PCV15', 'Phế cầu cộng hợp 15 (PCV15)', [D.pneumococcal]),
  cvx('216', 'Pneumococcal conjugate PCV20', 'Phế cầu cộng hợp 20 (PCV20)', [D.pneumococcal]),
  cvx('33', 'Pneumococcal polysaccharide PPSV23', 'Phế cầu polysaccharide 23 (PPSV23)', [
    D.pneumococcal,
  ]),
  cvx('109', 'Pneumococcal, unspecified formulation', 'Phế cầu', [D.pneumococcal]),
  cvx('118', 'HPV, bivalent', 'HPV 2 chủng', [D.hpv]),
  cvx('62', 'HPV, quadrivalent', 'HPV 4 chủng', [D.hpv]),
  cvx('165', 'HPV, 9-valent', 'HPV 9 chủng', [D.hpv]),
  cvx('137', 'HPV, unspecified formulation', 'HPV', [D.hpv]),
  cvx('207', 'COVID-19, mRNA, 100 mcg/0.5 mL (Moderna)', 'COVID-19 mRNA (Moderna)', [D.covid19]),
  cvx('208', 'COVID-19, mRNA, 30 mcg/0.3 mL (Pfizer-BioNTech)', 'COVID-19 mRNA (Pfizer)', [
    D.covid19,
  ]),
  cvx('210', 'COVID-19, vector, ChAdOx1 (AstraZeneca)', 'COVID-19 (AstraZeneca)', [D.covid19]),
  cvx('212', 'COVID-19, vector, Ad26 (Janssen)', 'COVID-19 (Janssen)', [D.covid19]),
  cvx('510', 'COVID-19, inactivated, non-US (Sinopharm BIBP)', 'COVID-19 bất hoạt (Sinopharm)', [
    D.covid19,
  ]),
  cvx('511', 'COVID-19, inactivated, non-US (CoronaVac)', 'COVID-19 bất hoạt (Sinovac)', [
    D.covid19,
  ]),
  cvx('213', 'SARS-CoV-2 (COVID-19), unspecified', 'COVID-19', [D.covid19]),
  cvx('114', 'Meningococcal ACWY, diphtheria conjugate (MenACWY-D)', 'Não mô cầu ACYW', [
    D.meningococcal,
  ]),
  cvx('136', 'Meningococcal ACWY, CRM conjugate (MenACWY-CRM)', 'Não mô cầu ACYW', [
    D.meningococcal,
  ]),
  cvx('147', 'Meningococcal ACWY, unspecified', 'Não mô cầu ACYW', [D.meningococcal]),
  cvx('108', 'Meningococcal, unspecified formulation', 'Não mô cầu', [D.meningococcal]),
  cvx('121', 'Zoster, live', 'Zona thần kinh (vắc xin sống)', [D.zoster]),
  cvx('187', 'Zoster, recombinant', 'Zona thần kinh (tái tổ hợp)', [D.zoster]),
  cvx('188', 'Zoster, unspecified formulation', 'Zona thần kinh', [D.zoster]),
];

/**
 * An ATC entry (`J07` + `code`) counting as the CVX codes `same`: it shares the first one's
 * names, diseases and live flag unless `name` and `diseases` are given.
 */
const atc = (
  code: string,
  display: string,
  same: string[],
  name?: VaccineCodeEntry['name'],
  diseases?: VaccineDiseaseId[],
): VaccineCodeEntry => {
  const twin = cvxCodes.find((e) => e.code === same[0]);
  return {
    system: ATC_SYSTEM,
    code: `J07${code}`,
    display,
    name: name ?? twin!.name,
    diseases: diseases ?? twin!.diseases,
    ...(twin?.liveParenteral ? live : {}),
    ...(same.length ? { sameAs: same.map((c) => `${CVX_SYSTEM}|${c}` as const) } : {}),
  };
};

/**
 * The vaccine codes the SDK recognises: CVX (including 198, the non-US pentavalent DTP-HepB-Hib
 * vaccine Vietnam uses, which the hl7vn value set lacks; the US codes common in imported
 * records: influenza, COVID-19, HPV, adult hepatitis A and B, pneumococcal, Hib, meningococcal,
 * zoster), the community IG's `vn-vaccine-type-cs`, and WHO ATC (`J07…`) for the vaccines of
 * Vietnam's schedules and its service vaccination (rabies, typhoid, cholera, dengue, yellow
 * fever included). Each has a Vietnamese and an English name; an ATC code's `sameAs` names the
 * CVX codes it counts as in Vietnam's schedules, and it shares their names.
 *
 * ATC codes and displays are the WHO index's, as listed by HL7 Europe's eHDSI Vaccine value set
 * (0.2.0, 2025) and the Italian MoH's FSE gateway (2023), which agree; J07BX03 (retired) is in
 * the EU DCC vaccine value set. Which CVX codes an ATC code counts as is the SDK's reading.
 */
export const vaccineCodes: readonly VaccineCodeEntry[] = [
  ...cvxCodes,
  vn('measles', 'Vaccine sởi', 'Measles vaccine', [D.measles]),
  vn('hepatitis-b', 'Vaccine viêm gan B', 'Hepatitis B vaccine', [D.hepatitisB]),
  vn('tuberculosis', 'Vaccine lao (BCG)', 'Tuberculosis vaccine (BCG)', [D.tuberculosis]),
  vn('diphtheria', 'Vaccine bạch hầu', 'Diphtheria vaccine', [D.diphtheria]),
  vn('pertussis', 'Vaccine ho gà', 'Pertussis vaccine', [D.pertussis]),
  vn('tetanus', 'Vaccine uốn ván', 'Tetanus vaccine', [D.tetanus]),
  vn('hib', 'Vaccine Hib', 'Hib vaccine', [D.hib]),
  vn('polio', 'Vaccine bại liệt', 'Polio vaccine', [D.polio]),
  vn('rubella', 'Vaccine rubella', 'Rubella vaccine', [D.rubella]),
  vn('japanese-encephalitis', 'Vaccine viêm não Nhật Bản', 'Japanese encephalitis vaccine', [
    D.japaneseEncephalitis,
  ]),
  vn('rotavirus', 'Vaccine tiêu chảy do rota virus', 'Rotavirus vaccine', [D.rotavirus]),
  atc('AN01', 'tuberculosis, live attenuated', ['19']),
  atc('BC01', 'hepatitis B, purified antigen', ['45']),
  atc('BC02', 'hepatitis A, inactivated, whole virus', ['85']),
  // WHO's "combinations" of hepatitis vaccines: hepatitis A + B.
  atc('BC20', 'combinations', ['104']),
  atc('CA11', 'diphtheria-haemophilus influenzae B-pertussis-tetanus-hepatitis B', ['198']),
  atc('CA09', 'diphtheria-haemophilus influenzae B-pertussis-poliomyelitis-tetanus-hepatitis B', [
    '146',
  ]),
  atc('AJ51', 'pertussis, inactivated, whole cell, combinations with toxoids', ['01']),
  // An ATC code may be broader than one CVX code: it counts as the "unspecified formulation"
  // one, or as each meaning (J07AJ52 is DTaP or Tdap, J07AM51 Td or DT).
  atc('AJ52', 'pertussis, purified antigen, combinations with toxoids', ['107', '115']),
  atc('AM51', 'tetanus toxoid, combinations with diphtheria toxoid', ['139', '28']),
  atc('AM01', 'tetanus toxoid', ['112']),
  atc('AG01', 'haemophilus influenzae B, purified antigen conjugated', ['17']),
  atc('BF04', 'poliomyelitis oral, bivalent, live attenuated', ['178']),
  atc('BF02', 'poliomyelitis oral, trivalent, live attenuated', ['02']),
  atc('BF01', 'poliomyelitis oral, monovalent, live attenuated', ['179']),
  atc('BF03', 'poliomyelitis, trivalent, inactivated, whole virus', ['10']),
  atc('BD01', 'measles, live attenuated', ['05']),
  atc('BD53', 'measles, combinations with rubella, live attenuated', ['04']),
  atc('BD52', 'measles, combinations with mumps and rubella, live attenuated', ['03']),
  atc('BD54', 'measles, combinations with mumps, rubella and varicella, live attenuated', ['94']),
  atc('BJ01', 'rubella, live attenuated', ['06']),
  atc('BA02', 'encephalitis, Japanese, inactivated, whole virus', ['129']),
  atc('BA03', 'encephalitis, Japanese, live attenuated', ['129']),
  atc('BH01', 'rota virus, live attenuated', ['122']),
  atc('BH02', 'rota virus, pentavalent, live, reassorted', ['116']),
  atc('BB01', 'influenza, inactivated, whole virus', ['88']),
  atc('BB02', 'influenza, inactivated, split virus or surface antigen', ['88']),
  atc('BB03', 'influenza, live attenuated', ['88']),
  atc('AL02', 'pneumococcus, purified polysaccharides antigen conjugated', ['109']),
  atc('AL01', 'pneumococcus, purified polysaccharides antigen', ['33']),
  atc('BM01', 'papillomavirus (human types 6, 11, 16, 18)', ['62']),
  atc('BM02', 'papillomavirus (human types 16, 18)', ['118']),
  atc('BM03', 'papillomavirus (human types 6, 11, 16, 18, 31, 33, 45, 52, 58)', ['165']),
  atc('BK01', 'varicella, live attenuated', ['21']),
  atc('BK02', 'zoster, live attenuated', ['121']),
  atc('BK03', 'zoster, purified antigen', ['187']),
  atc('AH07', 'meningococcus C, purified polysaccharides antigen conjugated', ['108']),
  atc(
    'AH08',
    'meningococcus A,C,Y,W-135, tetravalent purified polysaccharides antigen conjugated',
    ['147'],
  ),
  atc('AH09', 'meningococcus B, multicomponent vaccine', ['108']),
  atc('BN01', 'covid-19, RNA-based vaccine', ['213']),
  atc('BN02', 'covid-19, viral vector, non-replicating', ['213']),
  atc('BN03', 'covid-19, inactivated virus', ['213']),
  atc('BN04', 'covid-19, protein subunit', ['213']),
  // Retired (COVID-19 vaccines are J07BN now), but EU DCC certificates carry it.
  atc('BX03', 'covid-19 vaccines', ['213']),
  // Combinations with no CVX entry here: they count for the antigens the schedules count the
  // 6-in-1 (CVX 146) for, so not for the TCMR's IPV doses.
  atc(
    'CA06',
    'diphtheria-haemophilus influenzae B-pertussis-poliomyelitis-tetanus',
    ['107', '17'],
    { vi: 'Vắc xin 5 trong 1 (bạch hầu, ho gà, uốn ván, bại liệt, Hib)', en: 'DTP-IPV-Hib' },
    [...DTP, D.hib, D.polio],
  ),
  atc(
    'CA02',
    'diphtheria-pertussis-poliomyelitis-tetanus',
    ['107'],
    { vi: 'Vắc xin 4 trong 1 (bạch hầu, ho gà, uốn ván, bại liệt)', en: 'DTP-IPV' },
    [...DTP, D.polio],
  ),
  // No schedule row: the history groups them by disease.
  atc('BG01', 'rabies, inactivated, whole virus', [], { vi: 'Dại', en: 'Rabies' }, [D.rabies]),
  atc('AP03', 'typhoid, purified polysaccharide antigen', [], { vi: 'Thương hàn', en: 'Typhoid' }, [
    D.typhoid,
  ]),
  atc('AE01', 'cholera, inactivated, whole cell', [], { vi: 'Tả (uống)', en: 'Cholera (oral)' }, [
    D.cholera,
  ]),
  atc('BX04', 'dengue virus vaccines', [], { vi: 'Sốt xuất huyết', en: 'Dengue' }, [D.dengue]),
  atc('BL01', 'yellow fever, live attenuated', [], { vi: 'Sốt vàng', en: 'Yellow fever' }, [
    D.yellowFever,
  ]),
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
 * The target diseases of a vaccine, from every recognised coding of the concept (CVX, ATC, the
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
