import { defineTranslations } from '../shared/i18n.ts';
import { count } from '../shared/plural.ts';

/**
 * Words both vaccination elements use (ages, statuses, antigen states); in English
 * `vaccinationEn` of `vaccination-history.en.ts`.
 */
export const vaccinationVi = {
  ageDays: (n: number) => (n === 0 ? 'Trong ngày sinh' : `${n} ngày`),
  ageMonths: (m: number, d: number) => (d ? `${m} tháng ${d} ngày` : `${m} tháng`),
  ageYears: (y: number, m: number) => (m ? `${y} tuổi ${m} tháng` : `${y} tuổi`),
  atBirth: 'Sơ sinh',
  atMonths: (n: number) => `${n} tháng`,
  atYears: (n: number) => `${n} tuổi`,
  dueOverdue: 'Quá hạn',
  dueDue: 'Đến hạn',
  dueUpcoming: 'Sắp đến hạn',
  dueUnverified: 'Chưa đối chiếu',
  dueNow: 'Có thể tiêm ngay',
  askHealthWorker: 'Hỏi cán bộ y tế',
  dueOn: (date: string) => `Hẹn tiêm ${date}`,
  overdueSince: (date: string) => `Quá hạn từ ${date}`,
  dueFrom: (date: string) => `Đến hạn từ ${date}`,
  /** A child's row not checked against the circular of the expanded immunisation programme. */
  unverified: 'Lịch chưa đối chiếu Thông tư 10/2024/TT-BYT',
  unverifiedHint:
    'Mốc tiêm này lấy từ nguồn tham khảo, chưa đối chiếu với Thông tư 10/2024/TT-BYT của Bộ Y tế nên không tính là quá hạn. Hãy hỏi cán bộ y tế.',
  /** An adult's row: there is no national adult schedule, only vaccination centres' advice. */
  unverifiedAdult: 'Lịch tham khảo',
  unverifiedHintAdult:
    'Chưa có lịch tiêm chủng quốc gia cho người lớn; mốc tiêm này theo hướng dẫn của các cơ sở tiêm chủng nên không tính là quá hạn. Hãy hỏi cán bộ y tế.',
  doseN: (n: number) => `Mũi ${n}`,
  asOfNote: (date: string) => `Tính đến ngày ${date}`,
  birthDate: 'Ngày sinh',
};

const vi = {
  ...vaccinationVi,
  title: 'Lịch sử tiêm chủng',
  bookTitle: 'Sổ tiêm chủng',
  bookSubtitleChild: 'Tiêm chủng mở rộng — trẻ em',
  bookSubtitleAdult: 'Tiêm chủng — người lớn',
  nameChild: 'Họ và tên trẻ',
  nameAdult: 'Họ và tên',
  summary: (given: number, overdue: number, due: number, unverified: number) =>
    `${count('vi', given)} mũi đã tiêm · ${count('vi', overdue)} mũi quá hạn · ${count('vi', due)} mũi đến hạn${unverified ? ` · ${count('vi', unverified)} mũi theo lịch chưa đối chiếu` : ''}`,
  emptyNewborn: 'Chưa có mũi tiêm nào được ghi nhận.',
  colDose: 'Mũi tiêm',
  colDate: 'Ngày tiêm',
  colAge: 'Tuổi khi tiêm',
  colProduct: 'Vắc xin',
  colLot: 'Số lô',
  colFacility: 'Nơi tiêm',
  colResult: 'Đánh giá',
  valid: 'Hợp lệ',
  extra: 'Mũi thêm',
  notDone: 'Không tiêm',
  notDoneBecause: (reason: string) => `Không tiêm: ${reason}`,
  invalid: 'Không tính',
  reasonTooEarly: 'tiêm sớm hơn tuổi tối thiểu',
  reasonTooSoon: 'chưa đủ khoảng cách với mũi trước',
  reasonTooLate: 'quá tuổi tối đa',
  reasonExpired: 'vắc xin đã hết hạn sử dụng',
  reasonSubpotent: 'liều không đủ hiệu lực',
  reasonLive: 'cách mũi vắc xin sống khác chưa đủ 28 ngày',
  reasonNotAllowable: 'vắc xin không dùng cho mũi này',
  statusComplete: 'Đã đủ mũi',
  statusInProgress: 'Chưa tiêm đủ mũi',
  statusNotStarted: 'Chưa tiêm',
  statusContraindicated: 'Chống chỉ định',
  statusImmune: 'Đã có miễn dịch',
  statusAgedOut: 'Quá tuổi tiêm',
  statusNotRecommended: 'Không cần tiêm thêm',
  statusRecordedOnly: 'Chỉ ghi nhận',
  next: 'Mũi tiếp theo',
  planned: 'Dự kiến',
  otherVaccines: 'Vắc xin khác',
  unscheduled: 'Ngoài lịch tiêm',
  doseSelectHint: 'Chọn một mũi để xem chi tiết.',
  loaded: (n: number) => `Đã tải ${count('vi', n)} mũi tiêm.`,
  notFoundPatient: 'Không tìm thấy hồ sơ tiêm chủng này.',
  noBirthDate: 'Chưa có ngày sinh nên chưa tính được lịch tiêm.',
  allUpToDateChild: 'Trẻ đã tiêm đủ các mũi đến hạn.',
  allUpToDateAdult: 'Đã tiêm đủ các mũi đến hạn.',
  agedOut: (names: string) => `Quá tuổi tiêm, không còn trong lịch: ${names}.`,
  showAll: (n: number) => `Xem tất cả (${count('vi', n)} mũi)`,
  showFewer: 'Chỉ xem các mũi gần nhất',
};

/** The Vietnamese table's shape: `vaccination-history.en.ts` has exactly its keys. */
export type Words = typeof vi;

/** The history's words (English in `vaccination-history.en.ts`, imported on demand). */
export const messages = defineTranslations({
  vi,
  en: () => import('./vaccination-history.en.ts').then((m) => m.en),
});
