import type {
  Appointment,
  Attachment,
  CodeableConcept,
  Communication,
  Encounter,
  HealthcareService,
  Location,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  Schedule,
  ServiceRequest,
  Slot,
  Task,
} from '../fhir/index.ts';
import type { RequestOptions } from '../http/types.ts';
import type { ConsultMode, VirtualServiceDetail } from './conventions.ts';

/** A resource given as the resource itself, a `Reference`, or a bare id. */
export type Ref<T extends { resourceType: string; id?: string }> = T | Reference<T> | string;

/** Filters of {@link TelemedicineClient.findServices}. */
export interface FindServicesQuery {
  /** Specialty: a SNOMED code, `system|code`, or a key from `TELEMEDICINE_SPECIALTIES`. */
  specialty?: string;
  /**
   * Only doctors of facilities in this province: a 2025 name (`Khánh Hòa`, `Tỉnh Vĩnh Long`), a
   * pre-2025 one (`Trà Vinh`, read as the 2025 province it is now part of, `Tỉnh Vĩnh Long`) or
   * a GSO code (`86`). Sent as the FHIR search `organization.address-state:contains`, and checked
   * again on each offering's facility address (a server that ignores the chain still never
   * returns a doctor outside it).
   */
  province?: string;
  /**
   * Only doctors of this facility: an Organization id or reference (FHIR search
   * `organization`), or a `Location/<id>` reference (FHIR search `location`).
   */
  facility?: string;
  /** Only doctors of this Organization (id or reference; FHIR search `organization`). */
  organization?: string;
  /** Only doctors who work at this Location (id or reference; FHIR search `location`). */
  location?: string;
  /** Only offerings that support this mode. */
  mode?: ConsultMode;
  /** Only this PractitionerRole. */
  practitionerRole?: string;
  /**
   * Maximum offerings to return.
   * @default 50
   */
  limit?: number;
}

/** A doctor's bookable offering: one PractitionerRole with what a patient needs to choose. */
export interface ConsultOffering {
  /** The PractitionerRole id (what `findSlots({ practitionerRole })` takes). */
  id: string;
  practitionerRole: PractitionerRole;
  practitioner: Practitioner | undefined;
  service: HealthcareService | undefined;
  organization: Organization | undefined;
  location: Location | undefined;
  /** Display name, family name first (`formatName`). */
  practitionerName: string;
  /**
   * Up to two initials for an avatar without a photo: the given name's first letter, then the
   * family name's ("Nguyễn Văn Quang" → "QN").
   */
  initials: string;
  /**
   * The Practitioner's photo as an image source: its `http(s)` URL, or its inline data of an
   * image type as a `data:image/…` URL; undefined when it has neither (never another scheme).
   */
  photoUrl: string | undefined;
  specialties: CodeableConcept[];
  /** BCP-47 language codes the practitioner speaks (`vi`, `en`, `km` …). */
  languages: string[];
  /** Qualification labels (`Bác sĩ chuyên khoa II`, `ThS. BS.`). */
  qualifications: string[];
  facility: { id: string | undefined; name: string; province: string | undefined };
  /** Modes this offering supports. */
  modes: ConsultMode[];
  /** True when bookings become `proposed` and wait for the facility's approval. */
  requiresApproval: boolean;
}

/** Which schedules to look in. Give exactly one. */
export type SlotSource =
  | { practitionerRole: string | Ref<PractitionerRole>; service?: never; schedule?: never }
  | { service: string | Ref<HealthcareService>; practitionerRole?: never; schedule?: never }
  | { schedule: string | Ref<Schedule>; practitionerRole?: never; service?: never };

/** Query of {@link TelemedicineClient.findSlots}. */
export type FindSlotsQuery = SlotSource & {
  /** Start: an ICT date (`YYYY-MM-DD`, start of that day) or an instant. @default now */
  from?: string | Date;
  /** End (exclusive): an ICT date or an instant. @default from + 7 days */
  to?: string | Date;
  /** Only slots for this mode (per `Slot.serviceType` consult-mode codes). */
  mode?: ConsultMode;
  /**
   * Slots per FHIR page fetched.
   * @default 100
   */
  pageSize?: number;
};

/** A free slot, with its ICT day and time. */
export interface FreeSlot {
  id: string;
  /** ISO instant as stored. */
  start: string;
  end: string;
  /** ICT date `YYYY-MM-DD`. */
  day: string;
  /** ICT time `HH:mm`. */
  time: string;
  /** Length in minutes. */
  minutes: number;
  /** `Schedule/…` */
  schedule: string | undefined;
  slot: Slot;
}

/** Free slots of one ICT day. */
export interface SlotDay {
  /** ICT date `YYYY-MM-DD`. */
  date: string;
  slots: FreeSlot[];
}

/** One window of availability, with navigation. */
export interface SlotAvailability {
  /** Window start and end as epoch-ms-derived ISO strings (ICT offset). */
  from: string;
  to: string;
  /** Days that have at least one free slot, in order. */
  days: SlotDay[];
  /** All free slots of the window, in order. */
  slots: FreeSlot[];
  /** The schedules searched (`Schedule/…`). */
  schedules: string[];
  /** The following window of the same length. */
  next(options?: RequestOptions): Promise<SlotAvailability>;
  /** The first free slot at or after the end of this window, within `horizonDays` (default 60). */
  nextAvailable(options?: RequestOptions & { horizonDays?: number }): Promise<FreeSlot | undefined>;
}

/** Contact details the patient gives for this booking. */
export interface BookingContact {
  phone?: string;
  email?: string;
}

/** Input of {@link TelemedicineClient.book}. */
export interface BookRequest {
  /** The Slot to take (resource, reference or id). */
  slot: Ref<Slot> | FreeSlot;
  /** The patient. */
  patient: Ref<Patient>;
  /** The reason in the patient's own words. */
  reason: string;
  /** `video` adds virtual visit details. */
  mode: ConsultMode;
  contact?: BookingContact;
  /**
   * A key that identifies this booking attempt; resending the same key can never create a
   * second Appointment. Generate one per attempt (the booking element does).
   * @default a new UUID
   */
  idempotencyKey?: string;
  /** The HealthcareService, when known (saves a read). */
  service?: Ref<HealthcareService>;
}

/** Where a visit stands for the person who wants to join it. */
export type JoinState =
  'too-early' | 'open' | 'waiting-room' | 'in-progress' | 'ended' | 'cancelled' | 'not-video';

/** What a patient or doctor needs to join a video visit. */
export interface JoinInfo {
  state: JoinState;
  /** True when the join button should be enabled now. */
  canJoin: boolean;
  /** The video link, when known. */
  url: string | undefined;
  virtualService: VirtualServiceDetail | undefined;
  /** The join window (ISO). */
  opensAt: string | undefined;
  closesAt: string | undefined;
  encounter: Encounter | undefined;
}

/** Options of {@link TelemedicineClient.joinInfo}. */
export interface JoinInfoOptions extends RequestOptions {
  /** The current time. @default new Date() */
  now?: Date;
  /** Minutes before the start that joining opens. @default 15 */
  opensMinutesBefore?: number;
  /** Minutes after the end that joining stays open. @default 0 */
  closesMinutesAfter?: number;
  /** Also look up the visit's Encounter (waiting-room state). @default true */
  withEncounter?: boolean;
}

/** A readable appointment for lists. */
export interface AppointmentSummary {
  id: string;
  appointment: Appointment;
  status: Appointment['status'];
  start: string | undefined;
  end: string | undefined;
  /** ICT date and time of the start. */
  day: string | undefined;
  time: string | undefined;
  mode: ConsultMode;
  practitionerName: string;
  facilityName: string;
  serviceLabel: string;
  reason: string;
}

/** Options of {@link TelemedicineClient.listAppointments}. */
export interface ListAppointmentsOptions extends RequestOptions {
  /** Include upcoming (not yet ended, not cancelled) appointments. @default true */
  upcoming?: boolean;
  /** Include past and cancelled appointments. @default true */
  past?: boolean;
  /** The current time. @default new Date() */
  now?: Date;
  /** Maximum per list. @default 100 */
  limit?: number;
}

/** Appointments split into upcoming (soonest first) and past (latest first). */
export interface AppointmentList {
  upcoming: AppointmentSummary[];
  past: AppointmentSummary[];
}

/** Who asks and who answers a teleconsultation. */
export type ConsultParty = Ref<Practitioner> | Ref<PractitionerRole> | Ref<Organization>;

/** Input of {@link TelemedicineClient.requestConsult}. */
export interface ConsultRequestInput {
  patient: Ref<Patient>;
  /** The requesting doctor (Practitioner or PractitionerRole). */
  from: Ref<Practitioner> | Ref<PractitionerRole>;
  /** The consulted facility or doctor. */
  to: ConsultParty;
  /** The clinical question. */
  question: string;
  /** Images, reports and other files (inline `data` or `url`). */
  attachments?: Attachment[];
  /** @default 'routine' */
  priority?: 'routine' | 'urgent' | 'asap' | 'stat';
  /** Key that makes a retried request return the same consult. @default a new UUID */
  idempotencyKey?: string;
}

/** Status of a teleconsultation (the Task status). */
export type ConsultStatus = Task['status'];

/** A doctor-to-doctor teleconsultation (hội chẩn từ xa). */
export interface Consult {
  /** The Task id. */
  id: string;
  status: ConsultStatus;
  question: string;
  task: Task;
  serviceRequest: ServiceRequest;
  /** Messages in order: the question first, then replies. */
  messages: Communication[];
}

/** Input of {@link TelemedicineClient.replyConsult}. */
export interface ConsultReplyInput {
  from: Ref<Practitioner> | Ref<PractitionerRole> | Ref<Organization>;
  text: string;
  attachments?: Attachment[];
  /** Move the consult to this status with the reply (e.g. `completed`). */
  status?: 'accepted' | 'in-progress' | 'completed' | 'rejected';
}

/** Filters of {@link TelemedicineClient.listConsults}. */
export interface ListConsultsQuery extends RequestOptions {
  /** Consults this party asked. */
  requester?: string;
  /** Consults this party must answer. */
  owner?: string;
  patient?: string;
  status?: ConsultStatus | ConsultStatus[];
  /** @default 50 */
  limit?: number;
}
