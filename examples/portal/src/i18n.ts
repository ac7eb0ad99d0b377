/** The portal page's own strings (the elements bring their own translation tables). */
export type PortalLocale = 'vi' | 'en';

const vi = {
  skipLink: 'Bỏ qua, đến nội dung chính',
  hospital: 'Bệnh viện Đa khoa tỉnh Trà Vinh',
  tagline: 'Cổng thông tin bệnh nhân',
  settings: 'Cài đặt hiển thị',
  language: 'Ngôn ngữ',
  theme: 'Giao diện',
  themeLight: 'Sáng',
  themeDark: 'Tối',
  patients: 'Bệnh nhân',
  dataSource: 'Dữ liệu mẫu từ máy chủ FHIR R4:',
  welcomeTitle: 'Hồ sơ bệnh nhân',
  footer: 'Bản trình diễn vnhealth: dữ liệu là giả lập, không phải của người thật.',
  sections: 'Các mục của hồ sơ',
  sectionCard: 'Thông tin chung',
  sectionRecord: 'Tóm tắt hồ sơ sức khỏe',
  sectionBooking: 'Đặt lịch khám từ xa',
  sectionAppointments: 'Lịch hẹn',
  sectionVaccination: 'Lịch sử tiêm chủng',
  notFound: 'Không tìm thấy trang này.',
  backHome: 'Về trang đầu',
  bookedNotice: 'Đã đặt lịch. Lịch hẹn mới có trong mục Lịch hẹn.',
  patientNotes: {
    'vnh-pt-001': 'Người lớn, hồ sơ đầy đủ',
    'vnh-pt-002': 'Thẻ BHYT đã hết hạn',
    'vnh-pt-003': 'Trẻ 14 tháng, có mũi tiêm quá hạn',
    'vnh-pt-004': 'Hồ sơ chỉ có tên',
    'vnh-pt-005': 'Trẻ sơ sinh',
  } as Record<string, string>,
  patientFallback: (id: string) => `Bệnh nhân ${id}`,
  auditReveal: (kind: string, id: string, time: string) =>
    `Nhật ký truy cập: đã xem số ${kind} của bệnh nhân ${id} lúc ${time}.`,
};

type Strings = typeof vi;

const en: Strings = {
  skipLink: 'Skip to main content',
  hospital: 'Tra Vinh Provincial General Hospital',
  tagline: 'Patient portal',
  settings: 'Display settings',
  language: 'Language',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  patients: 'Patients',
  dataSource: 'Sample data from the FHIR R4 server:',
  welcomeTitle: 'Patient record',
  footer: 'vnhealth demo: the data is synthetic, not about real people.',
  sections: 'Record sections',
  sectionCard: 'Overview',
  sectionRecord: 'Health record summary',
  sectionBooking: 'Book a remote consultation',
  sectionAppointments: 'Appointments',
  sectionVaccination: 'Vaccination history',
  notFound: 'This page does not exist.',
  backHome: 'Back to the start',
  bookedNotice: 'Booked. The new appointment is in Appointments.',
  patientNotes: {
    'vnh-pt-001': 'Adult, complete record',
    'vnh-pt-002': 'Expired health insurance card',
    'vnh-pt-003': '14-month-old with an overdue vaccine',
    'vnh-pt-004': 'Record with only a name',
    'vnh-pt-005': 'Newborn',
  },
  patientFallback: (id: string) => `Patient ${id}`,
  auditReveal: (kind: string, id: string, time: string) =>
    `Access log: ${kind} number of patient ${id} viewed at ${time}.`,
};

export const strings: Record<PortalLocale, Strings> = { vi, en };

/** Keys whose value is plain text, usable from `data-i18n` attributes. */
export type TextKey = {
  [K in keyof Strings]: Strings[K] extends string ? K : never;
}[keyof Strings];

export function isTextKey(key: string): key is TextKey {
  return typeof (vi as Record<string, unknown>)[key] === 'string';
}
