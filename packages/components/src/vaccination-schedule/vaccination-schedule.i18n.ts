import { defineTranslations } from '../shared/i18n.ts';
import { count } from '../shared/plural.ts';
import { vaccinationVi } from '../vaccination-history/vaccination-history.i18n.ts';

const vi = {
  ...vaccinationVi,
  title: 'Lịch hẹn tiêm chủng',
  titleChild: 'Lịch hẹn tiêm chủng của bé',
  now: 'Cần tiêm ngay',
  visitOn: (date: string) => `Ngày ${date}`,
  doseOf: (name: string, dose: string) => `${name} – ${dose}`,
  nothingLeftChild: 'Bé đã tiêm đủ các mũi trong lịch tiêm chủng.',
  nothingLeftAdult: 'Đã tiêm đủ các mũi trong lịch tiêm chủng.',
  noBirthDate: 'Chưa có ngày sinh nên chưa tính được lịch hẹn tiêm.',
  notFoundPatient: 'Không tìm thấy hồ sơ tiêm chủng này.',
  unverifiedDose: 'lịch chưa đối chiếu',
  loaded: (n: number) => `Có ${count('vi', n)} buổi hẹn tiêm.`,
  visits: 'Các buổi hẹn tiêm',
};

/** The Vietnamese table's shape: `vaccination-schedule.en.ts` has exactly its keys. */
export type Words = typeof vi;

/** The schedule's words (English in `vaccination-schedule.en.ts`, imported on demand). */
export const messages = defineTranslations({
  vi,
  en: () => import('./vaccination-schedule.en.ts').then((m) => m.en),
});
