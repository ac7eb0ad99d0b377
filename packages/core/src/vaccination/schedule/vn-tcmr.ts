/**
 * The Vietnamese Expanded Programme on Immunization (Tiêm chủng mở rộng, TCMR) childhood
 * schedule: the rows of `vn-tcmr-rows.ts`, each aging out at 16. The circular's subject is
 * "Trẻ em" (children), and a child is a person under 16 (Law on Children 102/2016/QH13,
 * Art. 1); from 16 a dose is extraneous and a missing one is `aged-out`, never overdue.
 *
 * @module
 */
import { vaccineCodes } from '../codes.ts';
import type { ImmunizationSchedule, ScheduleDuration } from './types.ts';
import { written } from './vn-tcmr-rows.ts';
import { liveConflicts, vnSchedule, type VnAntigenRow } from './vn-rows.ts';

/** Law on Children 2016, Art. 1: "Trẻ em là người dưới 16 tuổi". */
export const LAW_CHILDREN =
  'https://hoatieu.vn/phap-luat/theo-luat-tre-em-quy-dinh-tre-em-la-nguoi-duoi-16-tuoi-dung-hay-sai-216893';
/** The age a TCMR row ages out at (see the module's note). */
export const CHILD_UNTIL: ScheduleDuration = 'P16Y';
const ROTA =
  'https://www.indonesianewsgazette.com/infants-top-priority-in-injection-of-5-in-1-vaccine/';

const D2780 =
  'https://hatinh24h.com.vn/ai-duoc-tiem-hpv-ngua-ung-thu-mien-phi-tu-nam-2026-a192663.html';
const D2780b = 'https://suckhoedoisong.vn/vac-xin-phong-ngua-ung-thu-co-tu-cung.html';
const PCV =
  'https://hongbien247.org/viec-trien-khai-vaccine-hpv-mien-phi-tu-2026-se-danh-cho-tre-em-gai-11-tuoi-trong-chuong-trinh-tiem-chung-mo-rong-voi-4-tinh-truoc-tien-mang-tinh-dai-dien-cho-4-khu-vuc/';

const AGES_OUT = `Maximum age 16 years: the circular's subject is "Trẻ em" (children), under 16 by Law on Children 102/2016/QH13 Art. 1 (SDK reading; the circular gives no maximum age).`;

/** The TCMR rows, each aging out at 16 (internal: the adult schedule builds on them). */
export const tcmrRows: VnAntigenRow[] = written.map((a) => ({
  ...a,
  series: a.series.map((s) => ({
    ...s,
    doses: s.doses.map((d) => ({
      ...d,
      maximumAge: CHILD_UNTIL,
      source: [...d.source, LAW_CHILDREN],
      note: d.note ? `${d.note} ${AGES_OUT}` : AGES_OUT,
    })),
  })),
}));

const unscheduled: ImmunizationSchedule['unscheduled'] = [
  {
    id: 'rotavirus',
    name: { vi: 'Tiêu chảy do vi rút Rota', en: 'Rotavirus diarrhoea' },
    diseases: ['rotavirus'],
    reason:
      'Entering the EPI in 33 provinces from Q2 2024 per VNA news; number of doses and ages unknown.',
    verified: false,
    source: [ROTA],
  },
  {
    id: 'hpv',
    name: { vi: 'HPV (ung thư cổ tử cung)', en: 'HPV' },
    diseases: ['hpv'],
    reason:
      'Decision 2780/QĐ-BYT (EPI plan 2026-2028, per news reports): HPV for girls aged 11 in four provinces from 2026; doses and intervals not published in the sources read.',
    verified: false,
    source: [D2780, D2780b],
  },
  {
    id: 'pneumococcal',
    name: { vi: 'Phế cầu', en: 'Pneumococcal' },
    diseases: ['pneumococcal'],
    reason:
      'Decision 2780/QĐ-BYT and NIHE letter 1580/VSDTTƯ-TCQG (per news reports): pneumococcal vaccine for infants in 5 provinces in 2025, 10 in 2026; doses and ages not published in the sources read.',
    verified: false,
    source: [D2780, PCV],
  },
];
/**
 * The TCMR childhood schedule (Circular 10/2024/TT-BYT), as data for
 * {@link evaluateSchedule}: one antigen and one vaccine group per TCMR line, one series each.
 * Rows not checked against the circular carry `verified: false`. Every dose ages out at 16 (the
 * circular's "children"): an adult's missing childhood doses are `aged-out`. For a patient of any
 * age, {@link vnScheduleFor} picks the schedule. Live injected vaccines (CVX
 * 03, 04, 05, 06, 21, 94, and their ATC codes) conflict as in the CDC's CDSi data.
 *
 * @example
 * import { evaluateSchedule, vnTcmrSchedule } from '@vnhealth/core/schedule';
 * evaluateSchedule({ patient, immunizations, schedule: vnTcmrSchedule, asOf: '2026-11-28' });
 */
export const vnTcmrSchedule: ImmunizationSchedule = {
  id: 'vn-tcmr-2024',
  title: {
    vi: 'Lịch tiêm chủng mở rộng cho trẻ em (Thông tư 10/2024/TT-BYT)',
    en: 'Vietnam EPI childhood schedule (Circular 10/2024/TT-BYT)',
  },
  legalBasis:
    'Circular 10/2024/TT-BYT (13 June 2024, in force 1 Aug 2024), replacing Circular 38/2017/TT-BYT; 2026-2028 EPI plan: Decision 2780/QĐ-BYT (29 Aug 2025, known from news reports only). Maternal tetanus: vnPregnancySchedule.',
  warning:
    'Only rows with verified=true were checked against an English rendering of Circular 10/2024/TT-BYT (IPV dose 1: Decision 2144/QĐ-BYT). Others come from secondary sources and must be checked against the circular text before use in clinical logic.',
  ...vnSchedule(tcmrRows, vaccineCodes),
  conflicts: liveConflicts(['03', '04', '05', '06', '21', '94']),
  unscheduled,
};
