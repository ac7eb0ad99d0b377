import { defineTranslations } from '../shared/i18n.ts';

const vi = {
  cardLabel: (name: string) => `Hồ sơ bệnh nhân: ${name}`,
  unnamed: 'Chưa có tên',
  age: 'Tuổi',
  sex: 'Giới tính',
  birthDate: 'Ngày sinh',
  identifiers: 'Giấy tờ',
  cccd: 'CCCD',
  bhyt: 'BHYT',
  reveal: (kind: string) => `Hiện số ${kind}`,
  masked: 'đã che',
  insuranceValid: (date: string) => `Còn hạn đến ${date}`,
  insuranceExpiring: (date: string, days: number) =>
    days === 0 ? `Hết hạn hôm nay (${date})` : `Sắp hết hạn: còn ${days} ngày (${date})`,
  insuranceExpired: (date: string) => `Đã hết hạn từ ${date}`,
  insuranceUnknown: 'Chưa rõ thời hạn',
  registeredFacility: 'Nơi đăng ký KCB ban đầu',
  allergies: 'Dị ứng',
  allergyCount: (n: number) => `Dị ứng (${n})`,
  noKnownAllergies: 'Không ghi nhận dị ứng.',
  allergiesUnknown: 'Chưa có thông tin dị ứng. Hãy hỏi bệnh nhân.',
  criticalityHigh: 'Nguy cơ cao',
  criticalityLow: 'Nguy cơ thấp',
  criticalityUnable: 'Chưa đánh giá được',
  reaction: 'Phản ứng',
  conditions: 'Bệnh đang điều trị',
  noConditions: 'Không có bệnh đang điều trị.',
  since: (date: string) => `từ ${date}`,
  medications: 'Thuốc đang dùng',
  noMedications: 'Không có thuốc đang dùng.',
  vitals: 'Dấu hiệu sinh tồn',
  noVitals: 'Chưa có số đo.',
  bloodPressure: 'Huyết áp',
  heartRate: 'Mạch',
  temperature: 'Nhiệt độ',
  oxygenSaturation: 'SpO₂',
  weight: 'Cân nặng',
  height: 'Chiều cao',
  bmi: 'BMI',
  respiratoryRate: 'Nhịp thở',
  perMinute: 'lần/phút',
  trend: (count: number, from: string, to: string) =>
    `Xu hướng ${count} lần đo gần nhất: từ ${from} đến ${to}`,
  measuredOn: (date: string) => `đo ngày ${date}`,
  contact: 'Liên hệ',
  phone: 'Điện thoại',
  email: 'Email',
  address: 'Địa chỉ',
  emergencyContact: 'Người liên hệ khẩn cấp',
  partial: 'Một phần hồ sơ chưa tải được; thông tin hiển thị có thể chưa đầy đủ.',
  truncated: (sections: string) =>
    `Hồ sơ có quá nhiều mục, chỉ hiện các mục đầu của: ${sections}. Xem đầy đủ trong bệnh án.`,
  loaded: (name: string) => `Đã tải hồ sơ ${name}`,
  loadingCard: 'Đang tải hồ sơ bệnh nhân…',
  notFoundCard: 'Không tìm thấy bệnh nhân này. Hãy kiểm tra lại mã bệnh nhân.',
};

/** The Vietnamese table's shape: `patient-profile-card.en.ts` has exactly its keys. */
export type Words = typeof vi;

/**
 * The card's words (English in `patient-profile-card.en.ts`, imported on demand). Common words
 * (loading, retry, sexes, statuses) come from the shared table.
 */
export const messages = defineTranslations({
  vi,
  en: () => import('./patient-profile-card.en.ts').then((m) => m.en),
});
