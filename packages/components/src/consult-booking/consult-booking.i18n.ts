import { defineTranslations, type CommonMessages, type SameShape } from '../shared/i18n.ts';

/** A count in Vietnamese digits grouping (2.000). */
const count = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

const vi = {
  title: 'Đặt lịch khám',
  stepOf: (n: number, total: number) => `Bước ${n}/${total}`,
  stepSpecialty: 'Chọn chuyên khoa',
  stepDoctor: 'Chọn bác sĩ',
  stepDay: 'Chọn ngày khám',
  stepTime: 'Chọn giờ khám',
  stepDetails: 'Lý do khám và liên hệ',
  stepReview: 'Kiểm tra và xác nhận',
  stepDone: 'Đã đặt lịch',
  modeLabel: 'Hình thức khám',
  modeVideo: 'Khám từ xa qua video',
  modeInPerson: 'Khám trực tiếp',
  back: 'Quay lại',
  next: 'Tiếp tục',
  noDoctors: 'Chưa có bác sĩ nhận khám theo lựa chọn này.',
  doctorsFound: (n: number) => `Có ${n} bác sĩ`,
  languages: 'Ngôn ngữ',
  choose: 'Chọn',
  chooseDoctor: (name: string) => `Chọn bác sĩ ${name}`,
  prevMonth: 'Tháng trước',
  nextMonth: 'Tháng sau',
  freeSlots: (n: number) => `${count(n)} khung giờ trống`,
  noSlotsDay: 'Không còn khung giờ trống',
  pastDay: 'Đã qua',
  noSlotsMonth: 'Tháng này không còn khung giờ trống.',
  nextAvailable: 'Đến ngày gần nhất còn suất khám',
  daysAvailable: (n: number) => `Tháng này còn ${n} ngày có suất khám`,
  slotsFor: (day: string) => `Khung giờ trống ngày ${day}`,
  morning: 'Buổi sáng',
  afternoon: 'Buổi chiều',
  evening: 'Buổi tối',
  showMore: (n: number) => `Xem thêm ${count(n)} khung giờ`,
  reason: 'Lý do khám',
  reasonHint: 'Mô tả ngắn triệu chứng hoặc điều bạn muốn hỏi bác sĩ.',
  reasonMissing: 'Hãy nhập lý do khám.',
  phone: 'Số điện thoại',
  phoneHint: 'Bác sĩ hoặc cơ sở khám sẽ gọi số này khi cần.',
  phonePrefilled: 'Số lấy từ hồ sơ của bạn; sửa lại nếu bạn đã đổi số.',
  phoneInvalid: 'Số điện thoại chưa đúng (10 chữ số, bắt đầu bằng 0).',
  email: 'Email (không bắt buộc)',
  emailInvalid: 'Email chưa đúng.',
  doctor: 'Bác sĩ',
  facility: 'Cơ sở khám bệnh',
  when: 'Thời gian',
  mode: 'Hình thức',
  contact: 'Liên hệ',
  edit: 'Sửa',
  confirm: 'Xác nhận đặt lịch',
  booking: 'Đang đặt lịch…',
  booked: 'Đặt lịch khám thành công.',
  proposed: 'Đã gửi yêu cầu. Cơ sở khám sẽ xác nhận lịch hẹn.',
  addToCalendar: 'Thêm vào lịch (.ics)',
  bookAnother: 'Đặt lịch khác',
  slotTaken:
    'Rất tiếc, khung giờ bạn chọn vừa có người khác đặt. Thông tin bạn đã nhập vẫn được giữ lại.',
  alternatives: 'Các khung giờ trống gần nhất',
  noAlternatives: 'Không còn khung giờ trống gần đó. Hãy chọn ngày khác.',
  bookingFailed: 'Chưa đặt được lịch.',
  noPatient: 'Chưa có thông tin người bệnh (patient-id).',
  icsSummary: (doctor: string) => `Lịch khám – ${doctor}`,
  minutes: (n: number) => `${n} phút`,
  today: 'Hôm nay',
};

/** The Vietnamese table's shape: `consult-booking.en.ts` has exactly its keys. */
export type Words = typeof vi;

/** The words the element's templates read: its own over the common ones. */
export type BookingWords = SameShape<CommonMessages> & SameShape<Words>;

/** The element's words (English in `consult-booking.en.ts`, imported on demand). */
export const messages = defineTranslations({
  vi,
  en: () => import('./consult-booking.en.ts').then((m) => m.en),
});
