import { defineTranslations } from '../shared/i18n.ts';

const vi = {
  title: 'Lịch hẹn khám',
  upcoming: 'Sắp tới',
  past: 'Đã qua',
  noUpcoming: 'Bạn chưa có lịch hẹn nào sắp tới.',
  noPast: 'Chưa có lịch hẹn đã qua.',
  count: (n: number) => `${n} lịch hẹn`,
  video: 'Khám từ xa qua video',
  inPerson: 'Khám trực tiếp',
  join: 'Vào phòng khám',
  joinOpensAt: (time: string) => `Mở lúc ${time}`,
  joinNoLink: 'Đường dẫn cuộc gọi sẽ được gửi trước giờ khám.',
  cancel: 'Hủy lịch',
  cancelQuestion: 'Bạn chắc chắn muốn hủy lịch hẹn này?',
  cancelConfirm: 'Có, hủy lịch',
  cancelKeep: 'Không, giữ lịch',
  cancelReason: 'Bệnh nhân hủy lịch',
  cancelled: 'Đã hủy lịch hẹn.',
  reschedule: 'Đổi giờ',
  rescheduleTitle: 'Chọn giờ mới',
  rescheduleNone: 'Không còn giờ trống trong 2 tuần tới.',
  rescheduled: (when: string) => `Đã đổi lịch sang ${when}.`,
  slotTaken: 'Giờ này vừa có người khác đặt. Hãy chọn giờ khác.',
  close: 'Đóng',
  actionFailed: 'Chưa thực hiện được.',
  statusBooked: 'Đã xác nhận',
  statusProposed: 'Chờ xác nhận',
  statusPending: 'Chờ xác nhận',
  statusArrived: 'Đang chờ khám',
  statusCheckedIn: 'Đang chờ khám',
  statusFulfilled: 'Đã khám',
  statusCancelled: 'Đã hủy',
  statusNoshow: 'Vắng mặt',
  statusWaitlist: 'Danh sách chờ',
  doctor: 'Bác sĩ',
};

/** The Vietnamese table's shape: `appointment-list.en.ts` has exactly its keys. */
export type Words = typeof vi;

/** The element's words (English in `appointment-list.en.ts`, imported on demand). */
export const messages = defineTranslations({
  vi,
  en: () => import('./appointment-list.en.ts').then((m) => m.en),
});
