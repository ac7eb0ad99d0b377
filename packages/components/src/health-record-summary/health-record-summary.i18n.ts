import { defineTranslations } from '../shared/i18n.ts';
import { count } from '../shared/plural.ts';

const vi = {
  title: 'Dòng thời gian hồ sơ sức khỏe',
  filterLabel: 'Lọc theo loại',
  kindEncounter: 'Lượt khám',
  kindCondition: 'Bệnh lý',
  kindVital: 'Dấu hiệu sinh tồn',
  kindImmunization: 'Tiêm chủng',
  undated: 'Không rõ ngày',
  emptyRecord: 'Hồ sơ chưa có lượt khám, bệnh lý, dấu hiệu sinh tồn hay mũi tiêm nào.',
  emptyFilter: 'Không có mục nào thuộc loại đã chọn.',
  noKinds: 'Hãy chọn ít nhất một loại để xem.',
  showMore: 'Xem thêm',
  loadingMore: 'Đang tải thêm…',
  moreFailed: 'Không tải thêm được.',
  vitalBloodPressure: 'Huyết áp',
  vitalHeartRate: 'Mạch',
  vitalTemperature: 'Nhiệt độ',
  vitalOxygenSaturation: 'SpO₂',
  vitalRespiratoryRate: 'Nhịp thở',
  vitalWeight: 'Cân nặng',
  vitalHeight: 'Chiều cao',
  vitalBmi: 'Chỉ số BMI',
  statusFinished: 'Đã khám xong',
  statusInProgress: 'Đang khám',
  statusPlanned: 'Đã hẹn khám',
  statusCancelled: 'Đã hủy',
  statusActiveCondition: 'Đang mắc',
  statusResolved: 'Đã khỏi',
  statusRemission: 'Đang thuyên giảm',
  statusRecurrence: 'Tái phát',
  statusCompleted: 'Đã tiêm',
  statusNotDone: 'Không tiêm',
  perMinute: 'lần/phút',
  entries: (n: number) => `${count('vi', n)} mục`,
  loaded: (shown: number) => `Đã tải ${count('vi', shown)} mục của dòng thời gian.`,
  addedMore: (added: number, shown: number) =>
    `Đã hiển thị thêm ${count('vi', added)} mục, tổng cộng ${count('vi', shown)} mục.`,
  filtered: (shown: number) => `Đang hiển thị ${count('vi', shown)} mục theo bộ lọc.`,
  showMoreLabel: (n: number) => `Xem thêm ${count('vi', n)} mục`,
};

/** The Vietnamese table's shape: `health-record-summary.en.ts` has exactly its keys. */
export type Words = typeof vi;

/** Strings of `<vnh-health-record-summary>` (English in `health-record-summary.en.ts`, on demand). */
export const messages = defineTranslations({
  vi,
  en: () => import('./health-record-summary.en.ts').then((m) => m.en),
});
