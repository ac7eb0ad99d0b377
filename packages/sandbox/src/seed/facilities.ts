import type {
  Address,
  HealthcareService,
  Location,
  Organization,
  Resource,
} from '@medplum/fhirtypes';
import { SPECIALTIES } from './data.ts';
import { Systems, consultMode, facilityIdentifiers, vnCoreCommunity } from './conventions.ts';
import type { ConsultMode } from './conventions.ts';
import provinces from './provinces-2025.ts';

/** Video rooms of the sandbox (the reserved `.invalid` domain: a real platform issues real links). */
export const VIDEO_ROOM_BASE = 'https://vtelehealth.sandbox.invalid/phong-kham';

/** A facility of the seed. */
export interface FacilityDef {
  key: string;
  name: string;
  nameEn: string;
  kind: 'hospital' | 'station';
  /** 5-digit mã CSKCB (format-valid, not the real code). */
  maCskcb: string;
  /** The old (pre-2025) province name, for the record. */
  oldProvince: string;
  /** 2025 province code (provinces-2025.json). */
  provinceCode: string;
  commune: string;
  line: string;
  phone: string;
  lat: number;
  lng: number;
  /** Specialty keys (hospitals). */
  specialties: readonly string[];
  /** Parent hospital key (stations). */
  partOf?: string;
}

/**
 * The telemedicine pilot's facilities (Trà Vinh, Khánh Hòa, Vĩnh Phúc, Thái Bình Children's
 * Hospital) under their 2025 provinces, plus commune health stations. Street addresses, phone
 * numbers and facility codes are plausible but invented.
 */
export const FACILITIES: readonly FacilityDef[] = [
  {
    key: 'bvdk-travinh',
    name: 'Bệnh viện Đa khoa tỉnh Trà Vinh',
    nameEn: 'Tra Vinh Provincial General Hospital',
    kind: 'hospital',
    maCskcb: '84001',
    oldProvince: 'Trà Vinh',
    provinceCode: '86',
    commune: 'Phường Trà Vinh',
    line: 'Số 27 Điện Biên Phủ',
    phone: '+842943862282',
    lat: 9.9347,
    lng: 106.3453,
    specialties: [
      'internal-medicine',
      'cardiology',
      'pediatrics',
      'obstetrics',
      'dermatology',
      'psychiatry',
      'endocrinology',
    ],
  },
  {
    key: 'bvdk-khanhhoa',
    name: 'Bệnh viện Đa khoa tỉnh Khánh Hòa',
    nameEn: 'Khanh Hoa Provincial General Hospital',
    kind: 'hospital',
    maCskcb: '56001',
    oldProvince: 'Khánh Hòa',
    provinceCode: '56',
    commune: 'Phường Nha Trang',
    line: 'Số 19 Yersin',
    phone: '+842583822168',
    lat: 12.2451,
    lng: 109.1905,
    specialties: [
      'internal-medicine',
      'cardiology',
      'pediatrics',
      'obstetrics',
      'dermatology',
      'psychiatry',
      'endocrinology',
    ],
  },
  {
    key: 'bvdk-vinhphuc',
    name: 'Bệnh viện Đa khoa tỉnh Vĩnh Phúc',
    nameEn: 'Vinh Phuc Provincial General Hospital',
    kind: 'hospital',
    maCskcb: '26001',
    oldProvince: 'Vĩnh Phúc',
    provinceCode: '25',
    commune: 'Phường Vĩnh Phúc',
    line: 'Đường Lê Duẩn',
    phone: '+842113862346',
    lat: 21.3089,
    lng: 105.6049,
    specialties: [
      'internal-medicine',
      'cardiology',
      'pediatrics',
      'obstetrics',
      'dermatology',
      'psychiatry',
      'endocrinology',
    ],
  },
  {
    key: 'bvnhi-thaibinh',
    name: 'Bệnh viện Nhi Thái Bình',
    nameEn: 'Thai Binh Children’s Hospital',
    kind: 'hospital',
    maCskcb: '34012',
    oldProvince: 'Thái Bình',
    provinceCode: '33',
    commune: 'Phường Trần Lãm',
    line: 'Số 2 Lý Bôn',
    phone: '+842273831580',
    lat: 20.4389,
    lng: 106.3359,
    specialties: ['pediatrics', 'dermatology', 'psychiatry'],
  },
  {
    key: 'tyt-canglong',
    name: 'Trạm Y tế xã Càng Long',
    nameEn: 'Cang Long Commune Health Station',
    kind: 'station',
    maCskcb: '84105',
    oldProvince: 'Trà Vinh',
    provinceCode: '86',
    commune: 'Xã Càng Long',
    line: 'Ấp Bình Phụ',
    phone: '+842943882115',
    lat: 9.9906,
    lng: 106.2061,
    specialties: ['general-practice'],
    partOf: 'bvdk-travinh',
  },
  {
    key: 'tyt-camlam',
    name: 'Trạm Y tế xã Cam Lâm',
    nameEn: 'Cam Lam Commune Health Station',
    kind: 'station',
    maCskcb: '56213',
    oldProvince: 'Khánh Hòa',
    provinceCode: '56',
    commune: 'Xã Cam Lâm',
    line: 'Thôn Nghĩa Bắc',
    phone: '+842583983104',
    lat: 12.0478,
    lng: 109.1446,
    specialties: ['general-practice'],
    partOf: 'bvdk-khanhhoa',
  },
  {
    key: 'tyt-tamdao',
    name: 'Trạm Y tế xã Tam Đảo',
    nameEn: 'Tam Dao Commune Health Station',
    kind: 'station',
    maCskcb: '26118',
    oldProvince: 'Vĩnh Phúc',
    provinceCode: '25',
    commune: 'Xã Tam Đảo',
    line: 'Tổ dân phố 1',
    phone: '+842113824190',
    lat: 21.4563,
    lng: 105.6428,
    specialties: ['general-practice'],
    partOf: 'bvdk-vinhphuc',
  },
  {
    key: 'tyt-vuthu',
    name: 'Trạm Y tế xã Vũ Thư',
    nameEn: 'Vu Thu Commune Health Station',
    kind: 'station',
    maCskcb: '34120',
    oldProvince: 'Thái Bình',
    provinceCode: '33',
    commune: 'Xã Vũ Thư',
    line: 'Thôn Đồng Thanh',
    phone: '+842273826021',
    lat: 20.4416,
    lng: 106.2838,
    specialties: ['general-practice'],
    partOf: 'bvnhi-thaibinh',
  },
];

export const HOSPITALS = FACILITIES.filter((f) => f.kind === 'hospital');

/** The facility with `key` (throws for an unknown key: a bug in the seed). */
export function facilityByKey(key: string): FacilityDef {
  const found = FACILITIES.find((f) => f.key === key);
  if (!found) throw new Error(`Unknown facility ${key}`);
  return found;
}
export const STATIONS = FACILITIES.filter((f) => f.kind === 'station');

export const orgId = (key: string): string => `vnh-org-${key}`;
export const locationId = (key: string): string => `vnh-loc-${key}`;
export const virtualLocationId = (key: string): string => `vnh-loc-${key}-video`;
export const serviceId = (key: string, specialty: string, mode: ConsultMode): string =>
  `vnh-hs-${key}-${specialty}-${mode === 'video' ? 'video' : 'clinic'}`;

export function provinceName(code: string): string {
  return provinces.find((p) => p.code === code)?.name ?? code;
}

/** A post-2025 address: province → commune, no district; with the community province extension. */
export function address2025(
  provinceCode: string,
  commune: string,
  line: string,
  use: Address['use'] = 'home',
): Address {
  const state = provinceName(provinceCode);
  const address: Address = {
    use,
    type: 'physical',
    text: `${line}, ${commune}, ${state}`,
    line: [line],
    city: commune,
    state,
    country: 'VN',
  };
  const provinceExt = vnCoreCommunity.extensions.province;
  if (provinceExt) {
    // The province CodeSystem canonical of the community IG is unpublished: code + display only.
    address.extension = [{ url: provinceExt, valueCoding: { code: provinceCode, display: state } }];
  }
  return address;
}

export function specialtyConcept(key: string): {
  coding: { system: string; code: string; display: string }[];
  text: string;
} {
  const s =
    SPECIALTIES.find((x) => x.key === key) ?? (SPECIALTIES[0] as (typeof SPECIALTIES)[number]);
  return { coding: [{ system: Systems.snomed, code: s.code, display: s.en }], text: s.vi };
}

/** Organizations, Locations and HealthcareServices of every facility. */
export function facilityResources(): Resource[] {
  const out: Resource[] = [];
  for (const f of FACILITIES) {
    const address = address2025(f.provinceCode, f.commune, f.line, 'work');
    const org: Organization = {
      resourceType: 'Organization',
      id: orgId(f.key),
      active: true,
      identifier: facilityIdentifiers(f.maCskcb),
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/organization-type',
              code: 'prov',
              display: 'Healthcare Provider',
            },
          ],
          text: f.kind === 'hospital' ? 'Bệnh viện' : 'Trạm y tế xã',
        },
      ],
      name: f.name,
      alias: [f.nameEn, `${f.name} (trước 01/07/2025: tỉnh ${f.oldProvince})`],
      telecom: [{ system: 'phone', value: f.phone, use: 'work' }],
      address: [address],
      ...(f.partOf
        ? {
            partOf: {
              reference: `Organization/${orgId(f.partOf)}`,
              display: FACILITIES.find((x) => x.key === f.partOf)?.name,
            },
          }
        : {}),
    };
    out.push(org);
    const loc: Location = {
      resourceType: 'Location',
      id: locationId(f.key),
      status: 'active',
      mode: 'instance',
      name: f.name,
      physicalType: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
            code: 'bu',
            display: 'Building',
          },
        ],
      },
      telecom: [{ system: 'phone', value: f.phone, use: 'work' }],
      address,
      position: { latitude: f.lat, longitude: f.lng },
      managingOrganization: { reference: `Organization/${org.id}`, display: f.name },
    };
    out.push(loc);
    const video: Location = {
      resourceType: 'Location',
      id: virtualLocationId(f.key),
      status: 'active',
      mode: 'kind',
      name: `Phòng khám từ xa – ${f.name}`,
      description: 'Khám bệnh từ xa qua video (telemedicine)',
      physicalType: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
            code: 'vi',
            display: 'Virtual',
          },
        ],
      },
      managingOrganization: { reference: `Organization/${org.id}`, display: f.name },
    };
    out.push(video);
    for (const specialty of f.specialties) {
      for (const mode of ['video', 'in-person'] as const) {
        const concept = specialtyConcept(specialty);
        const service: HealthcareService = {
          resourceType: 'HealthcareService',
          id: serviceId(f.key, specialty, mode),
          active: true,
          providedBy: { reference: `Organization/${org.id}`, display: f.name },
          category: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/service-category',
                  code: '35',
                  display: 'Hospital',
                },
              ],
              text: mode === 'video' ? 'Khám bệnh từ xa' : 'Khám bệnh',
            },
          ],
          type: [
            {
              coding: [{ system: Systems.snomed, code: '11429006', display: 'Consultation' }],
              text: mode === 'video' ? `Khám ${concept.text} từ xa` : `Khám ${concept.text}`,
            },
          ],
          specialty: [concept],
          location: [{ reference: `Location/${mode === 'video' ? video.id : loc.id}` }],
          name: `${mode === 'video' ? 'Khám từ xa' : 'Khám'} ${concept.text} – ${f.name}`,
          telecom: [
            { system: 'phone', value: f.phone, use: 'work' },
            // A standing video room (the SDK's joinInfo falls back to it; see the conventions doc).
            ...(mode === 'video'
              ? [
                  {
                    system: 'url' as const,
                    value: `${VIDEO_ROOM_BASE}/${serviceId(f.key, specialty, mode)}`,
                  },
                ]
              : []),
          ],
          characteristic: [
            consultMode(mode),
            // Mental-health video consults are triaged first: bookings start as `proposed`.
            ...(specialty === 'psychiatry' && mode === 'video'
              ? [
                  {
                    coding: [{ system: Systems.serviceFlag, code: 'requires-approval' }],
                    text: 'Cần cơ sở xác nhận',
                  },
                ]
              : []),
          ],
          communication: [
            { coding: [{ system: Systems.language, code: 'vi', display: 'Tiếng Việt' }] },
            ...(f.kind === 'hospital'
              ? [{ coding: [{ system: Systems.language, code: 'en', display: 'English' }] }]
              : []),
          ],
          appointmentRequired: true,
          availableTime: [
            {
              daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
              availableStartTime: '07:00:00',
              availableEndTime: '17:00:00',
            },
            { daysOfWeek: ['sat'], availableStartTime: '07:00:00', availableEndTime: '11:30:00' },
          ],
          ...(mode === 'video'
            ? {
                extraDetails:
                  'Bệnh nhân nhận đường dẫn cuộc gọi video sau khi đặt lịch; vào phòng chờ trước giờ hẹn 10 phút.',
              }
            : {}),
        };
        out.push(service);
      }
    }
  }
  return out;
}
