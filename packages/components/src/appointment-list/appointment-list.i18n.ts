import { defineTranslations } from '../shared/i18n.ts';
import { count } from '../shared/plural.ts';

const vi = {
  title: 'Lịch hẹn khám',
  upcoming: 'Sắp tới',
  past: 'Đã qua',
  noUpcoming: 'Bạn chưa có lịch hẹn nào sắp tới.',
  noPast: 'Chưa có lịch hẹn đã qua.',
  count: (n: number) => `${count('vi', n)} lịch hẹn`,
  video: 'Khám từ xa qua video',
  inPerson: 'Khám trực tiếp',
  followUp: 'Hẹn tái khám',
  join: 'Vào khám trực tuyến',
  joinOpensAt: (time: string) => `Có thể vào khám từ ${time}`,
  joinNoLink: 'Đường dẫn cuộc gọi video sẽ được gửi trước giờ khám.',
  cancel: 'Hủy lịch hẹn',
  cancelQuestion: 'Bạn chắc chắn muốn hủy lịch hẹn này?',
  cancelConfirm: 'Có, hủy lịch hẹn',
  cancelKeep: 'Không, giữ lịch hẹn',
  cancelReason: 'Bệnh nhân tự hủy lịch hẹn',
  cancelled: 'Đã hủy lịch hẹn.',
  reschedule: 'Đổi lịch hẹn',
  rescheduleTitle: 'Chọn khung giờ mới',
  rescheduleNone: 'Không còn khung giờ trống trong 2 tuần tới.',
  rescheduled: (when: string) => `Đã đổi lịch hẹn sang ${when}.`,
  slotTaken: 'Khung giờ này vừa có người khác đặt. Hãy chọn khung giờ khác.',
  close: 'Đóng',
  actionFailed: 'Chưa thực hiện được.',
  statusBooked: 'Đã xác nhận',
  statusProposed: 'Chờ xác nhận',
  statusPending: 'Chờ xác nhận',
  statusArrived: 'Đã đến, đang chờ khám',
  statusCheckedIn: 'Đã tiếp đón, đang chờ khám',
  statusFulfilled: 'Đã khám',
  statusCancelled: 'Đã hủy',
  statusNoshow: 'Không đến khám',
  statusWaitlist: 'Trong danh sách chờ',
  doctor: 'Bác sĩ',
};

/** The Vietnamese table's shape: `appointment-list.en.ts` has exactly its keys. */
export type Words = typeof vi;

/** The element's words (English in `appointment-list.en.ts`, imported on demand). */
export const messages = defineTranslations({
  vi,
  en: () => import('./appointment-list.en.ts').then((m) => m.en),
});
