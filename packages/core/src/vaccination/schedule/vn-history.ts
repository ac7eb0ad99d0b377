/**
 * Vaccines given in Vietnam's service vaccination (tiêm chủng dịch vụ) or imported from abroad
 * that a schedule has no rows for at the patient's age: their doses are evaluated against the
 * right antigen (so a CVX 208 or 140 dose never lands in "other"), and nothing is forecast.
 * See `historyOnly` in `vn-rows.ts`.
 *
 * @internal
 * @module
 */
import { cvx, historyOnly, vn, type VnAntigenRow } from './vn-rows.ts';

/** The CDC's CVX list: what each code is (these rows say only which antigen a code counts for). */
const CVX_LIST = 'https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx';

/** Vaccines of each history-only antigen, by CVX code. */
export const serviceVaccines = () => ({
  influenza: cvx('150', '158', '140', '141', '161', '88'),
  hpv: cvx('165', '62', '118', '137'),
  covid: cvx('207', '208', '210', '212', '510', '511', '213'),
  hepA: cvx('52', '83', '85', '104'),
  pneumococcal: cvx('133', '215', '216', '33', '109'),
  meningococcal: cvx('114', '136', '147', '108'),
  varicella: cvx('21', '94'),
  rotavirus: [...cvx('116', '119', '122'), ...vn('rotavirus')],
  zoster: cvx('187', '188', '121'),
});
type Service = keyof ReturnType<typeof serviceVaccines>;

const NO_CHILD =
  'Recorded doses only: not in the TCMR childhood schedule (a service vaccine in Vietnam). Nothing is forecast.';

/** History-only antigens, by id. */
export const history = (id: Service, why = NO_CHILD): VnAntigenRow => {
  const [rowId, vi, en, disease] = NAMES[id];
  return historyOnly(rowId, { vi, en }, [disease], serviceVaccines()[id], why, [CVX_LIST]);
};

const NAMES: Record<Service, [string, string, string, string]> = {
  influenza: ['influenza', 'Cúm', 'Influenza', 'influenza'],
  hpv: ['hpv', 'HPV (ung thư cổ tử cung)', 'HPV', 'hpv'],
  covid: ['covid-19', 'COVID-19', 'COVID-19', 'covid-19'],
  hepA: ['hepatitis-a', 'Viêm gan A', 'Hepatitis A', 'hepatitis-a'],
  pneumococcal: ['pneumococcal', 'Phế cầu', 'Pneumococcal', 'pneumococcal'],
  meningococcal: ['meningococcal', 'Não mô cầu', 'Meningococcal', 'meningococcal'],
  varicella: ['varicella', 'Thủy đậu', 'Varicella', 'varicella'],
  rotavirus: ['rotavirus', 'Tiêu chảy do vi rút Rota', 'Rotavirus', 'rotavirus'],
  zoster: ['zoster', 'Zona thần kinh', 'Zoster (shingles)', 'zoster'],
};

/** What a child's history-only antigens are (every service vaccine). */
export const childHistory = (): VnAntigenRow[] =>
  (Object.keys(NAMES) as Service[]).map((id) => history(id));

/** Why an adult's antigen is history-only: no Vietnamese source with ages and doses was found. */
export const NO_ADULT_SOURCE =
  'Recorded doses only: no Vietnamese source giving who should receive it and when was found (MoH, NIHE, a circular or decision). Nothing is forecast.';
