import type {
  Appointment,
  Practitioner,
  PractitionerRole,
  Resource,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import { QUALIFICATIONS } from './data.ts';
import { Systems, consultMode, vnCoreCommunity, vnCoreMoh } from './conventions.ts';
import type { ConsultMode } from './conventions.ts';
import {
  HOSPITALS,
  facilityByKey,
  STATIONS,
  locationId,
  orgId,
  serviceId,
  specialtyConcept,
  VIDEO_ROOM_BASE,
  virtualLocationId,
} from './facilities.ts';
import type { FacilityDef } from './facilities.ts';
import { humanName, makeName, randomName, slug } from './names.ts';
import { Rng } from './random.ts';
import { addDays, ictDate, ictDateTime, weekday } from '@vnhealth/core';

/** Days of slots from the anchor day (the anchor day included). */
export const SLOT_DAYS = 28;

export type PractitionerModes = 'video' | 'in-person' | 'both';

export interface PractitionerPlan {
  index: number;
  id: string;
  roleId: string;
  scheduleId: string;
  facility: FacilityDef;
  specialty: string;
  modes: PractitionerModes;
  slotMinutes: 15 | 30;
}

export const practitionerId = (i: number): string => `vnh-pr-${String(i + 1).padStart(4, '0')}`;
export const practitionerRoleId = (i: number): string =>
  `vnh-prr-${String(i + 1).padStart(4, '0')}`;
export const scheduleId = (i: number): string => `vnh-sch-${String(i + 1).padStart(4, '0')}`;

/**
 * The first practitioners are fixed so that demos and tests can rely on them:
 * `vnh-pr-0001` cardiology at BVĐK Trà Vinh (video + clinic, 30-min slots, holds the 23:45 slot),
 * `vnh-pr-0002` paediatrics at BV Nhi Thái Bình (video only, 15-min slots),
 * `vnh-pr-0003` internal medicine at BVĐK Khánh Hòa (clinic only),
 * `vnh-pr-0004` dermatology at BVĐK Vĩnh Phúc (video only).
 */
const FIXED: readonly {
  facility: string;
  specialty: string;
  modes: PractitionerModes;
  slotMinutes: 15 | 30;
  name: [string, string[]];
  gender: 'male' | 'female';
}[] = [
  {
    facility: 'bvdk-travinh',
    specialty: 'cardiology',
    modes: 'both',
    slotMinutes: 30,
    name: ['Nguyễn', ['Thanh', 'Tùng']],
    gender: 'male',
  },
  {
    facility: 'bvnhi-thaibinh',
    specialty: 'pediatrics',
    modes: 'video',
    slotMinutes: 15,
    name: ['Trần', ['Thị', 'Mai']],
    gender: 'female',
  },
  {
    facility: 'bvdk-khanhhoa',
    specialty: 'internal-medicine',
    modes: 'in-person',
    slotMinutes: 30,
    name: ['Lê', ['Quốc', 'Bảo']],
    gender: 'male',
  },
  {
    facility: 'bvdk-vinhphuc',
    specialty: 'dermatology',
    modes: 'video',
    slotMinutes: 15,
    name: ['Phạm', ['Ngọc', 'Lan']],
    gender: 'female',
  },
];

/** Where practitioner `i` works and how (deterministic per seed). */
export function planPractitioner(seed: number, i: number): PractitionerPlan {
  const rng = new Rng(seed, 'practitioner-plan', i);
  const fixed = FIXED[i];
  let facility: FacilityDef;
  let specialty: string;
  let modes: PractitionerModes;
  let slotMinutes: 15 | 30;
  if (fixed) {
    facility = facilityByKey(fixed.facility);
    specialty = fixed.specialty;
    modes = fixed.modes;
    slotMinutes = fixed.slotMinutes;
  } else {
    facility = rng.chance(0.12) ? rng.pick(STATIONS) : rng.pick(HOSPITALS);
    specialty = rng.pick(facility.specialties);
    modes = rng.weighted<PractitionerModes>([
      ['both', 60],
      ['video', 22],
      ['in-person', 18],
    ]);
    slotMinutes = specialty === 'psychiatry' || rng.chance(0.5) ? 30 : 15;
  }
  return {
    index: i,
    id: practitionerId(i),
    roleId: practitionerRoleId(i),
    scheduleId: scheduleId(i),
    facility,
    specialty,
    modes,
    slotMinutes,
  };
}

/** Practitioner, PractitionerRole and Schedule of practitioner `i`. */
export function practitionerResources(
  seed: number,
  plan: PractitionerPlan,
  anchor: Date,
): Resource[] {
  const rng = new Rng(seed, 'practitioner', plan.index);
  const fixed = FIXED[plan.index];
  const gender = fixed?.gender ?? (rng.chance(0.55) ? 'female' : 'male');
  const name = fixed ? makeName(fixed.name[0], fixed.name[1]) : randomName(rng, gender);
  const qualification =
    plan.index === 0
      ? (QUALIFICATIONS[1] as (typeof QUALIFICATIONS)[number])[0]
      : rng.weighted(QUALIFICATIONS);
  const speaksEnglish = plan.index < 2 || rng.chance(0.4);
  const { facility } = plan;
  const email = `${slug(name.text)}.${plan.index + 1}@${facility.key}.benhvien.example`;
  const licenceNo = `${String(plan.index + 1).padStart(6, '0')}/${facility.maCskcb.slice(0, 2)}-CCHN`;
  const birthYear = 1965 + rng.int(0, 32);
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: plan.id,
    active: true,
    identifier: [
      {
        use: 'official',
        type: { coding: [{ system: Systems.v2_0203, code: 'EI', display: 'Employee number' }] },
        system: vnCoreMoh.identifierSystems.licence,
        value: `NV-${facility.maCskcb}-${String(plan.index + 1).padStart(4, '0')}`,
      },
      {
        use: 'official',
        type: { coding: [{ system: Systems.v2_0203, code: 'LN', display: 'License number' }] },
        system: vnCoreCommunity.identifierSystems.licence,
        value: licenceNo,
      },
    ],
    name: [humanName(name, qualification.prefix)],
    telecom: [
      { system: 'phone', value: facility.phone, use: 'work' },
      { system: 'email', value: email, use: 'work' },
    ],
    gender,
    birthDate: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    qualification: [
      {
        code: {
          coding: [
            {
              system: 'https://fhir.vnhealth.dev/sandbox/CodeSystem/degree',
              code: qualification.code,
              display: qualification.text,
            },
          ],
          text: qualification.text,
        },
        issuer: {
          display: rng.pick([
            'Trường Đại học Y Hà Nội',
            'Đại học Y Dược TP. Hồ Chí Minh',
            'Trường Đại học Y Dược Thái Bình',
            'Trường Đại học Y Dược Cần Thơ',
          ]),
        },
      },
    ],
    communication: [
      {
        coding: [{ system: Systems.language, code: 'vi', display: 'Tiếng Việt' }],
        text: 'Tiếng Việt',
      },
      ...(speaksEnglish
        ? [
            {
              coding: [{ system: Systems.language, code: 'en', display: 'English' }],
              text: 'English',
            },
          ]
        : []),
    ],
  };
  const modes: ConsultMode[] = plan.modes === 'both' ? ['video', 'in-person'] : [plan.modes];
  const locations = modes.map((m) => ({
    reference: `Location/${m === 'video' ? virtualLocationId(facility.key) : locationId(facility.key)}`,
  }));
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: plan.roleId,
    active: true,
    period: { start: '2020-01-01' },
    practitioner: {
      reference: `Practitioner/${plan.id}`,
      display: `${qualification.prefix} ${name.text}`,
    },
    organization: { reference: `Organization/${orgId(facility.key)}`, display: facility.name },
    code: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/practitioner-role',
            code: 'doctor',
            display: 'Doctor',
          },
        ],
        text: 'Bác sĩ',
      },
    ],
    specialty: [specialtyConcept(plan.specialty)],
    location: locations,
    healthcareService: modes.map((m) => ({
      reference: `HealthcareService/${serviceId(facility.key, plan.specialty, m)}`,
    })),
    telecom: [
      { system: 'phone', value: facility.phone, use: 'work' },
      { system: 'email', value: email, use: 'work' },
      ...(modes.includes('video')
        ? [
            {
              system: 'url' as const,
              value: `${VIDEO_ROOM_BASE}/${plan.roleId}`,
              use: 'work' as const,
            },
          ]
        : []),
    ],
    availableTime: [
      {
        daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
        availableStartTime: '07:30:00',
        availableEndTime: '16:30:00',
      },
    ],
  };
  if (plan.modes === 'video') {
    role.availabilityExceptions = 'Chỉ khám từ xa qua video';
  }
  const start = ictDate(anchor);
  const schedule: Schedule = {
    resourceType: 'Schedule',
    id: plan.scheduleId,
    active: true,
    serviceType: modes.map((m) => consultMode(m)),
    specialty: [specialtyConcept(plan.specialty)],
    actor: [
      { reference: `PractitionerRole/${plan.roleId}`, display: role.practitioner?.display },
      { reference: `Practitioner/${plan.id}`, display: role.practitioner?.display },
      ...locations,
    ],
    planningHorizon: {
      start: ictDateTime(start, 0, 0),
      end: ictDateTime(addDays(start, SLOT_DAYS), 0, 0),
    },
    comment: `Lịch khám ${plan.modes === 'video' ? 'từ xa' : plan.modes === 'in-person' ? 'trực tiếp' : 'trực tiếp và từ xa'}, slot ${plan.slotMinutes} phút`,
  };
  return [practitioner, role, schedule];
}

/** A session: a half day of consultations. */
interface Session {
  day: string;
  startHour: number;
  startMinute: number;
  endHour: number;
  endMinute: number;
  mode: ConsultMode;
}

/** Chooses who books a busy slot: a patient index, or a demo patient id. */
export type PatientPicker = (rng: Rng) => string;

/**
 * Slots for the coming four weeks (working hours in Asia/Ho_Chi_Minh: 07:30–11:30 and
 * 13:30–16:30, Saturday mornings), some of them busy with a booked Appointment, and one or two
 * fully booked days per practitioner. Practitioner 0 also has a 23:45 ICT video slot tomorrow.
 */
export function slotResources(
  seed: number,
  plan: PractitionerPlan,
  anchor: Date,
  pickPatient: PatientPicker,
): Resource[] {
  const rng = new Rng(seed, 'slots', plan.index);
  const out: Resource[] = [];
  const firstDay = ictDate(anchor);
  const modes: ConsultMode[] = plan.modes === 'both' ? ['video', 'in-person'] : [plan.modes];
  // Three or four half-day sessions a week on fixed weekdays.
  const pattern: { dow: number; am: boolean }[] = [];
  const count = rng.int(3, 4);
  while (pattern.length < count) {
    const candidate = { dow: rng.int(1, 6), am: rng.chance(0.6) };
    if (candidate.dow === 6) candidate.am = true;
    if (!pattern.some((p) => p.dow === candidate.dow && p.am === candidate.am))
      pattern.push(candidate);
  }
  const fullyBooked = new Set<string>();
  const sessions: Session[] = [];
  for (let d = 0; d < SLOT_DAYS; d++) {
    const day = addDays(firstDay, d);
    const dow = weekday(day);
    for (const p of pattern) {
      if (p.dow !== dow) continue;
      const mode = modes[sessions.length % modes.length] ?? 'video';
      sessions.push(
        p.am
          ? { day, startHour: 7, startMinute: 30, endHour: 11, endMinute: 30, mode }
          : { day, startHour: 13, startMinute: 30, endHour: 16, endMinute: 30, mode },
      );
    }
  }
  // One fully booked day in the first week with sessions, another one later for half of them.
  const sessionDays = [...new Set(sessions.map((s) => s.day))];
  const bookedDay = sessionDays[Math.min(1, sessionDays.length - 1)];
  if (bookedDay) fullyBooked.add(bookedDay);
  if (sessionDays.length > 4 && rng.chance(0.5)) fullyBooked.add(rng.pick(sessionDays.slice(4)));

  const tomorrow = addDays(firstDay, 1);
  if (plan.index === 0) {
    sessions.push({
      day: tomorrow,
      startHour: 23,
      startMinute: 45,
      endHour: 24,
      endMinute: 0,
      mode: 'video',
    });
  }
  for (const s of sessions) {
    let minutes = s.startHour * 60 + s.startMinute;
    const end = s.endHour * 60 + s.endMinute;
    const step = s.startHour === 23 ? 15 : plan.slotMinutes;
    while (minutes + step <= end) {
      const hh = Math.floor(minutes / 60);
      const mm = minutes % 60;
      const endMinutes = minutes + step;
      const slotId = `vnh-slot-${plan.index + 1}-${s.day.replaceAll('-', '')}-${String(hh).padStart(2, '0')}${String(mm).padStart(2, '0')}`;
      const startIso = ictDateTime(s.day, hh, mm);
      const endIso =
        endMinutes >= 24 * 60
          ? ictDateTime(addDays(s.day, 1), 0, endMinutes - 24 * 60)
          : ictDateTime(s.day, Math.floor(endMinutes / 60), endMinutes % 60);
      const busy = s.startHour !== 23 && (fullyBooked.has(s.day) || rng.chance(0.22));
      const slot: Slot = {
        resourceType: 'Slot',
        id: slotId,
        schedule: { reference: `Schedule/${plan.scheduleId}` },
        status: busy ? 'busy' : 'free',
        start: startIso,
        end: endIso,
        serviceType: [consultMode(s.mode)],
        specialty: [specialtyConcept(plan.specialty)],
        ...(s.startHour === 23
          ? { comment: 'Ca khám muộn 23:45 (giờ Việt Nam) – kiểm thử múi giờ' }
          : {}),
      };
      out.push(slot);
      if (busy) {
        const patient = pickPatient(rng);
        const appointmentId = `vnh-appt-${slotId.slice('vnh-slot-'.length)}`;
        const appointment: Appointment = {
          resourceType: 'Appointment',
          id: appointmentId,
          status: 'booked',
          serviceType: [consultMode(s.mode)],
          specialty: [specialtyConcept(plan.specialty)],
          appointmentType: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v2-0276',
                code: rng.chance(0.7) ? 'ROUTINE' : 'FOLLOWUP',
              },
            ],
          },
          reasonCode: [
            {
              text: rng.pick([
                'Khám định kỳ',
                'Tái khám',
                'Tư vấn kết quả xét nghiệm',
                'Đau đầu, chóng mặt',
                'Sốt, ho',
                'Tư vấn dùng thuốc',
              ]),
            },
          ],
          start: startIso,
          end: endIso,
          minutesDuration: step,
          slot: [{ reference: `Slot/${slotId}` }],
          created: `${addDays(s.day, -rng.int(1, 10))}T09:00:00+07:00`,
          participant: [
            {
              actor: { reference: `Patient/${patient}` },
              required: 'required',
              status: 'accepted',
            },
            {
              actor: { reference: `PractitionerRole/${plan.roleId}` },
              required: 'required',
              status: 'accepted',
            },
            {
              actor: { reference: `Practitioner/${plan.id}` },
              required: 'required',
              status: 'accepted',
            },
            {
              actor: {
                reference: `Location/${s.mode === 'video' ? virtualLocationId(plan.facility.key) : locationId(plan.facility.key)}`,
              },
              required: 'information-only',
              status: 'accepted',
            },
          ],
          ...(s.mode === 'video'
            ? {
                extension: [
                  {
                    url: Systems.appointmentVirtualService,
                    extension: [
                      {
                        url: 'channelType',
                        valueCoding: { system: Systems.virtualServiceType, code: 'vtelehealth' },
                      },
                      {
                        url: 'addressUrl',
                        valueUrl: `https://meet.vnhealth.example/phong/${appointmentId}`,
                      },
                    ],
                  },
                ],
              }
            : {}),
        };
        out.push(appointment);
      }
      minutes += step;
    }
  }
  return out;
}
