import { count, plural } from '../shared/plural.ts';
import type { SameShape } from '../shared/i18n.ts';
import type { Words } from './appointment-list.i18n.ts';

/** The English words (imported the first time the element renders in English). */
export const en: SameShape<Words> = {
  title: 'Appointments',
  upcoming: 'Upcoming',
  past: 'Past',
  noUpcoming: 'You have no upcoming appointments.',
  noPast: 'No past appointments.',
  count: (n: number) =>
    plural('en', n, { one: '1 appointment', other: `${count('en', n)} appointments` }),
  video: 'Video consultation',
  inPerson: 'In person',
  followUp: 'Follow-up visit',
  join: 'Join the video visit',
  joinOpensAt: (time: string) => `You can join from ${time}`,
  joinNoLink: 'The video call link will be sent before the appointment.',
  cancel: 'Cancel appointment',
  cancelQuestion: 'Cancel this appointment?',
  cancelConfirm: 'Yes, cancel it',
  cancelKeep: 'No, keep it',
  cancelReason: 'Cancelled by the patient',
  cancelled: 'The appointment was cancelled.',
  reschedule: 'Reschedule',
  rescheduleTitle: 'Choose a new time slot',
  rescheduleNone: 'No free time slots in the next 2 weeks.',
  rescheduled: (when: string) => `Moved to ${when}.`,
  slotTaken: 'Someone else has just booked that time slot. Choose another.',
  close: 'Close',
  actionFailed: 'That did not work.',
  statusBooked: 'Confirmed',
  statusProposed: 'Awaiting confirmation',
  statusPending: 'Awaiting confirmation',
  statusArrived: 'Arrived, waiting to be seen',
  statusCheckedIn: 'Checked in, waiting to be seen',
  statusFulfilled: 'Attended',
  statusCancelled: 'Cancelled',
  statusNoshow: 'Did not attend',
  statusWaitlist: 'On the waiting list',
  doctor: 'Doctor',
};
