import { defineTranslations, plural } from '../shared/i18n.ts';
import { vaccinationMessages } from '../vaccination-history/vaccination-history.i18n.ts';

export const messages = defineTranslations({
  vi: {
    ...vaccinationMessages.vi,
    title: 'Lịch hẹn tiêm chủng của bé',
    now: 'Cần tiêm ngay',
    visitOn: (date: string) => `Ngày ${date}`,
    doseOf: (name: string, dose: string) => `${name} – ${dose}`,
    nothingLeft: 'Bé đã tiêm đủ các mũi trong lịch.',
    noBirthDate: 'Chưa có ngày sinh của bé nên chưa tính được lịch hẹn.',
    notFoundPatient: 'Không tìm thấy hồ sơ tiêm chủng của bé.',
    loaded: (n: number) => `Có ${n} buổi hẹn tiêm.`,
    visits: 'Các buổi hẹn tiêm',
  },
  en: {
    ...vaccinationMessages.en,
    title: "Your child's vaccination appointments",
    now: 'Due now',
    visitOn: (date: string) => `On ${date}`,
    doseOf: (name: string, dose: string) => `${name} – ${dose}`,
    nothingLeft: 'Your child has had every dose in the schedule.',
    noBirthDate: "The child's date of birth is missing, so appointments cannot be worked out.",
    notFoundPatient: "This child's vaccination record was not found.",
    loaded: (n: number) => plural('en', n, { one: '1 appointment.', other: `${n} appointments.` }),
    visits: 'Appointments',
  },
});
