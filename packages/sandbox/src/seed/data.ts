import { TELEMEDICINE_SPECIALTIES } from '@vnhealth/core/telemedicine';

/**
 * Reference tables for the seed. Names and frequencies are approximations from published
 * surname surveys (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 %, Phạm ≈ 7 % …); place and facility
 * details are realistic but not authoritative. All strings are NFC.
 */

/** Vietnamese family names with approximate population shares (percent). */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3.3],
  ['Huỳnh', 2.8],
  ['Phan', 4.5],
  ['Vũ', 2.1],
  ['Võ', 1.8],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.6],
  ['Trương', 0.6],
  ['Đoàn', 0.5],
  ['Lâm', 0.4],
  ['Mai', 0.4],
  ['Tô', 0.3],
  ['Hà', 0.4],
  ['Lương', 0.3],
  ['Cao', 0.3],
  ['Tạ', 0.2],
  ['Thái', 0.2],
  ['Kim', 0.1],
  ['Châu', 0.2],
  ['Quách', 0.1],
];

export const MIDDLE_MALE = [
  'Văn',
  'Văn',
  'Văn',
  'Hữu',
  'Đức',
  'Minh',
  'Quốc',
  'Thành',
  'Công',
  'Xuân',
  'Ngọc',
  'Gia',
  'Hoàng',
  'Anh',
  'Trọng',
  'Đình',
] as const;
export const MIDDLE_FEMALE = [
  'Thị',
  'Thị',
  'Thị',
  'Ngọc',
  'Thu',
  'Thanh',
  'Minh',
  'Hồng',
  'Kim',
  'Phương',
  'Mỹ',
  'Bảo',
  'Khánh',
  'Diệu',
  'Hoài',
] as const;
export const GIVEN_MALE = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hoàng',
  'Hùng',
  'Huy',
  'Khang',
  'Khoa',
  'Khôi',
  'Kiên',
  'Long',
  'Lâm',
  'Minh',
  'Nam',
  'Nghĩa',
  'Nhân',
  'Phong',
  'Phúc',
  'Quang',
  'Quân',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Thịnh',
  'Toàn',
  'Trí',
  'Trung',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
  'Vũ',
  'Bảo',
  'Đức',
  'Duy',
] as const;
export const GIVEN_FEMALE = [
  'An',
  'Anh',
  'Bích',
  'Chi',
  'Dung',
  'Duyên',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hồng',
  'Hương',
  'Huyền',
  'Lan',
  'Liên',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Quỳnh',
  'Tâm',
  'Thảo',
  'Thu',
  'Thủy',
  'Trang',
  'Trinh',
  'Tuyết',
  'Uyên',
  'Vân',
  'Vy',
  'Yến',
] as const;

/**
 * Old (pre-2025) 63-province codes as used by the first three CCCD digits (Decision
 * 124/2004/QĐ-TTg numbering written with three digits), with the 2025 province each became part of.
 */
export const OLD_PROVINCES: readonly { code: string; name: string; newCode: string }[] = [
  { code: '001', name: 'Hà Nội', newCode: '01' },
  { code: '002', name: 'Hà Giang', newCode: '08' },
  { code: '004', name: 'Cao Bằng', newCode: '04' },
  { code: '006', name: 'Bắc Kạn', newCode: '19' },
  { code: '008', name: 'Tuyên Quang', newCode: '08' },
  { code: '010', name: 'Lào Cai', newCode: '15' },
  { code: '011', name: 'Điện Biên', newCode: '11' },
  { code: '012', name: 'Lai Châu', newCode: '12' },
  { code: '014', name: 'Sơn La', newCode: '14' },
  { code: '015', name: 'Yên Bái', newCode: '15' },
  { code: '017', name: 'Hòa Bình', newCode: '25' },
  { code: '019', name: 'Thái Nguyên', newCode: '19' },
  { code: '020', name: 'Lạng Sơn', newCode: '20' },
  { code: '022', name: 'Quảng Ninh', newCode: '22' },
  { code: '024', name: 'Bắc Giang', newCode: '24' },
  { code: '025', name: 'Phú Thọ', newCode: '25' },
  { code: '026', name: 'Vĩnh Phúc', newCode: '25' },
  { code: '027', name: 'Bắc Ninh', newCode: '24' },
  { code: '030', name: 'Hải Dương', newCode: '31' },
  { code: '031', name: 'Hải Phòng', newCode: '31' },
  { code: '033', name: 'Hưng Yên', newCode: '33' },
  { code: '034', name: 'Thái Bình', newCode: '33' },
  { code: '035', name: 'Hà Nam', newCode: '37' },
  { code: '036', name: 'Nam Định', newCode: '37' },
  { code: '037', name: 'Ninh Bình', newCode: '37' },
  { code: '038', name: 'Thanh Hóa', newCode: '38' },
  { code: '040', name: 'Nghệ An', newCode: '40' },
  { code: '042', name: 'Hà Tĩnh', newCode: '42' },
  { code: '044', name: 'Quảng Bình', newCode: '44' },
  { code: '045', name: 'Quảng Trị', newCode: '44' },
  { code: '046', name: 'Thừa Thiên Huế', newCode: '46' },
  { code: '048', name: 'Đà Nẵng', newCode: '48' },
  { code: '049', name: 'Quảng Nam', newCode: '48' },
  { code: '051', name: 'Quảng Ngãi', newCode: '51' },
  { code: '052', name: 'Bình Định', newCode: '52' },
  { code: '054', name: 'Phú Yên', newCode: '66' },
  { code: '056', name: 'Khánh Hòa', newCode: '56' },
  { code: '058', name: 'Ninh Thuận', newCode: '56' },
  { code: '060', name: 'Bình Thuận', newCode: '68' },
  { code: '062', name: 'Kon Tum', newCode: '51' },
  { code: '064', name: 'Gia Lai', newCode: '52' },
  { code: '066', name: 'Đắk Lắk', newCode: '66' },
  { code: '067', name: 'Đắk Nông', newCode: '68' },
  { code: '068', name: 'Lâm Đồng', newCode: '68' },
  { code: '070', name: 'Bình Phước', newCode: '75' },
  { code: '072', name: 'Tây Ninh', newCode: '80' },
  { code: '074', name: 'Bình Dương', newCode: '79' },
  { code: '075', name: 'Đồng Nai', newCode: '75' },
  { code: '077', name: 'Bà Rịa - Vũng Tàu', newCode: '79' },
  { code: '079', name: 'Hồ Chí Minh', newCode: '79' },
  { code: '080', name: 'Long An', newCode: '80' },
  { code: '082', name: 'Tiền Giang', newCode: '82' },
  { code: '083', name: 'Bến Tre', newCode: '86' },
  { code: '084', name: 'Trà Vinh', newCode: '86' },
  { code: '086', name: 'Vĩnh Long', newCode: '86' },
  { code: '087', name: 'Đồng Tháp', newCode: '82' },
  { code: '089', name: 'An Giang', newCode: '91' },
  { code: '091', name: 'Kiên Giang', newCode: '91' },
  { code: '092', name: 'Cần Thơ', newCode: '92' },
  { code: '093', name: 'Hậu Giang', newCode: '92' },
  { code: '094', name: 'Sóc Trăng', newCode: '92' },
  { code: '095', name: 'Bạc Liêu', newCode: '96' },
  { code: '096', name: 'Cà Mau', newCode: '96' },
];

/** Where the generated population lives (old province codes, weighted towards the pilot). */
export const HOME_PROVINCES: readonly (readonly [string, number])[] = [
  ['084', 14], // Trà Vinh
  ['086', 5],
  ['083', 4],
  ['056', 14], // Khánh Hòa
  ['058', 4],
  ['026', 14], // Vĩnh Phúc
  ['025', 5],
  ['034', 14], // Thái Bình
  ['033', 5],
  ['001', 8],
  ['079', 8],
  ['031', 2],
  ['048', 2],
  ['092', 1],
];

/**
 * Communes (xã/phường) of the 2025 provinces, for post-reform addresses (province → commune, no
 * district). Names follow the 2025 reorganisation; their 5-digit codes are not included because
 * the official list was not available to verify them.
 */
export const COMMUNES_2025: Readonly<Record<string, readonly string[]>> = {
  '86': [
    'Phường Trà Vinh',
    'Phường Long Đức',
    'Phường Nguyệt Hóa',
    'Xã Càng Long',
    'Xã Châu Thành',
    'Xã Cầu Kè',
    'Phường Vĩnh Long',
    'Phường Bến Tre',
  ],
  '56': [
    'Phường Nha Trang',
    'Phường Bắc Nha Trang',
    'Phường Nam Nha Trang',
    'Phường Cam Ranh',
    'Xã Cam Lâm',
    'Xã Diên Khánh',
    'Phường Phan Rang',
  ],
  '25': [
    'Phường Vĩnh Phúc',
    'Phường Vĩnh Yên',
    'Phường Phúc Yên',
    'Xã Tam Đảo',
    'Xã Lập Thạch',
    'Phường Việt Trì',
    'Phường Hòa Bình',
  ],
  '33': [
    'Phường Thái Bình',
    'Phường Trần Lãm',
    'Xã Vũ Thư',
    'Xã Kiến Xương',
    'Xã Tiền Hải',
    'Phường Phố Hiến',
    'Phường Sơn Nam',
  ],
  '01': [
    'Phường Hoàn Kiếm',
    'Phường Ba Đình',
    'Phường Cầu Giấy',
    'Phường Đống Đa',
    'Phường Hà Đông',
    'Xã Sóc Sơn',
  ],
  '79': [
    'Phường Sài Gòn',
    'Phường Bến Thành',
    'Phường Tân Định',
    'Phường Thủ Đức',
    'Phường Thủ Dầu Một',
    'Phường Vũng Tàu',
  ],
  '31': ['Phường Hồng Bàng', 'Phường Lê Chân', 'Phường Hải Dương'],
  '48': ['Phường Hải Châu', 'Phường Thanh Khê', 'Phường Hội An'],
  '92': ['Phường Ninh Kiều', 'Phường Cái Răng', 'Phường Sóc Trăng'],
};

/** Pre-2025 addresses (province → district → ward) that still circulate on old records. */
export const LEGACY_ADDRESSES: readonly {
  province: string;
  district: string;
  ward: string;
  oldCode: string;
}[] = [
  { oldCode: '084', province: 'Tỉnh Trà Vinh', district: 'Thành phố Trà Vinh', ward: 'Phường 1' },
  { oldCode: '084', province: 'Tỉnh Trà Vinh', district: 'Huyện Càng Long', ward: 'Xã Mỹ Cẩm' },
  { oldCode: '084', province: 'Tỉnh Trà Vinh', district: 'Huyện Châu Thành', ward: 'Xã Hòa Thuận' },
  {
    oldCode: '056',
    province: 'Tỉnh Khánh Hòa',
    district: 'Thành phố Nha Trang',
    ward: 'Phường Lộc Thọ',
  },
  {
    oldCode: '056',
    province: 'Tỉnh Khánh Hòa',
    district: 'Huyện Diên Khánh',
    ward: 'Thị trấn Diên Khánh',
  },
  {
    oldCode: '058',
    province: 'Tỉnh Ninh Thuận',
    district: 'Thành phố Phan Rang - Tháp Chàm',
    ward: 'Phường Kinh Dinh',
  },
  {
    oldCode: '026',
    province: 'Tỉnh Vĩnh Phúc',
    district: 'Thành phố Vĩnh Yên',
    ward: 'Phường Liên Bảo',
  },
  { oldCode: '026', province: 'Tỉnh Vĩnh Phúc', district: 'Huyện Tam Dương', ward: 'Xã Hợp Thịnh' },
  {
    oldCode: '034',
    province: 'Tỉnh Thái Bình',
    district: 'Thành phố Thái Bình',
    ward: 'Phường Lê Hồng Phong',
  },
  { oldCode: '034', province: 'Tỉnh Thái Bình', district: 'Huyện Vũ Thư', ward: 'Xã Tam Quang' },
  {
    oldCode: '001',
    province: 'Thành phố Hà Nội',
    district: 'Quận Hoàn Kiếm',
    ward: 'Phường Hàng Bạc',
  },
  {
    oldCode: '079',
    province: 'Thành phố Hồ Chí Minh',
    district: 'Quận 1',
    ward: 'Phường Bến Nghé',
  },
];

export const STREETS = [
  'Nguyễn Huệ',
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Phạm Ngũ Lão',
  'Điện Biên Phủ',
  'Nguyễn Trãi',
  'Quang Trung',
  'Hùng Vương',
  'Lê Duẩn',
  'Võ Thị Sáu',
  'Nguyễn Thị Minh Khai',
  'Trần Phú',
] as const;

/** Mobile prefixes by network (03x Viettel, 05x Vietnamobile, 07x MobiFone, 08x VinaPhone, 09x). */
export const MOBILE_PREFIXES = [
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '39',
  '56',
  '58',
  '70',
  '76',
  '77',
  '78',
  '79',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '88',
  '89',
  '90',
  '91',
  '93',
  '94',
  '96',
  '97',
  '98',
] as const;

/** BHYT beneficiary groups (2 letters) and their benefit levels. */
export const BHYT_GROUPS: readonly (readonly [string, number])[] = [
  ['DN', 30],
  ['HC', 8],
  ['HT', 10],
  ['GD', 20],
  ['HS', 8],
  ['TE', 0],
  ['HN', 6],
  ['CK', 3],
  ['XK', 3],
  ['NO', 4],
];

/** ICD-10 conditions with Vietnamese display (ICD-10 Vietnamese edition, Decision 4469/QĐ-BYT). */
export const CONDITIONS: readonly {
  code: string;
  display: string;
  chronic: boolean;
  weight: number;
}[] = [
  { code: 'I10', display: 'Tăng huyết áp vô căn (nguyên phát)', chronic: true, weight: 20 },
  {
    code: 'E11',
    display: 'Bệnh đái tháo đường không phụ thuộc insulin',
    chronic: true,
    weight: 10,
  },
  { code: 'E78.5', display: 'Tăng lipid máu, không đặc hiệu', chronic: true, weight: 8 },
  { code: 'J45', display: 'Hen (suyễn)', chronic: true, weight: 5 },
  { code: 'J44', display: 'Bệnh phổi tắc nghẽn mạn tính khác', chronic: true, weight: 3 },
  { code: 'K21', display: 'Bệnh trào ngược dạ dày - thực quản', chronic: true, weight: 6 },
  { code: 'K29', display: 'Viêm dạ dày và tá tràng', chronic: false, weight: 8 },
  { code: 'M17', display: 'Thoái hóa khớp gối', chronic: true, weight: 4 },
  { code: 'N18', display: 'Bệnh thận mạn', chronic: true, weight: 2 },
  {
    code: 'B18.1',
    display: 'Viêm gan virus B mạn, không có tác nhân delta',
    chronic: true,
    weight: 4,
  },
  { code: 'F32', display: 'Giai đoạn trầm cảm', chronic: false, weight: 2 },
  {
    code: 'J06.9',
    display: 'Nhiễm trùng hô hấp trên cấp, không đặc hiệu',
    chronic: false,
    weight: 10,
  },
  { code: 'A90', display: 'Sốt Dengue [sốt xuất huyết cổ điển]', chronic: false, weight: 2 },
  { code: 'L20', display: 'Viêm da cơ địa', chronic: true, weight: 3 },
  { code: 'I25', display: 'Bệnh tim thiếu máu cục bộ mạn', chronic: true, weight: 2 },
];

/** Allergies: substance (SNOMED CT), Vietnamese text, category, usual criticality. */
export const ALLERGIES: readonly {
  code: string;
  display: string;
  text: string;
  category: 'medication' | 'food' | 'environment';
  criticality: 'low' | 'high' | 'unable-to-assess';
  reaction: string;
  weight: number;
}[] = [
  {
    code: '764146007',
    display: 'Penicillin',
    text: 'Penicillin',
    category: 'medication',
    criticality: 'high',
    reaction: 'Sốc phản vệ',
    weight: 6,
  },
  {
    code: '387406002',
    display: 'Sulfonamide',
    text: 'Sulfamid',
    category: 'medication',
    criticality: 'high',
    reaction: 'Phát ban toàn thân',
    weight: 2,
  },
  {
    code: '387458008',
    display: 'Aspirin',
    text: 'Aspirin',
    category: 'medication',
    criticality: 'low',
    reaction: 'Nổi mề đay',
    weight: 3,
  },
  {
    code: '372665008',
    display: 'Non-steroidal anti-inflammatory agent',
    text: 'Thuốc kháng viêm không steroid (NSAID)',
    category: 'medication',
    criticality: 'low',
    reaction: 'Phù mạch',
    weight: 2,
  },
  {
    code: '256349002',
    display: 'Peanut',
    text: 'Đậu phộng',
    category: 'food',
    criticality: 'high',
    reaction: 'Khó thở, phù môi',
    weight: 2,
  },
  {
    code: '44027008',
    display: 'Seafood',
    text: 'Hải sản (tôm, cua)',
    category: 'food',
    criticality: 'low',
    reaction: 'Ngứa, nổi mẩn',
    weight: 6,
  },
  {
    code: '102263004',
    display: 'Eggs',
    text: 'Trứng',
    category: 'food',
    criticality: 'low',
    reaction: 'Nôn, nổi mẩn',
    weight: 2,
  },
  {
    code: '260147004',
    display: 'House dust mite',
    text: 'Mạt bụi nhà',
    category: 'environment',
    criticality: 'low',
    reaction: 'Hắt hơi, sổ mũi',
    weight: 4,
  },
];

/** Medications (ATC) with Vietnamese dosage text, by the condition they treat. */
export const MEDICATIONS: Readonly<
  Record<string, readonly { atc: string; name: string; dosage: string }[]>
> = {
  I10: [
    { atc: 'C08CA01', name: 'Amlodipin 5 mg', dosage: 'Uống 1 viên mỗi sáng' },
    { atc: 'C09CA01', name: 'Losartan 50 mg', dosage: 'Uống 1 viên mỗi ngày' },
  ],
  E11: [
    { atc: 'A10BA02', name: 'Metformin 500 mg', dosage: 'Uống 1 viên x 2 lần/ngày sau ăn' },
    { atc: 'A10BB09', name: 'Gliclazid 30 mg MR', dosage: 'Uống 1 viên trước ăn sáng' },
  ],
  'E78.5': [{ atc: 'C10AA05', name: 'Atorvastatin 20 mg', dosage: 'Uống 1 viên buổi tối' }],
  J45: [
    {
      atc: 'R03AC02',
      name: 'Salbutamol 100 mcg/liều (bình xịt)',
      dosage: 'Xịt 2 nhát khi khó thở',
    },
  ],
  K21: [{ atc: 'A02BC05', name: 'Esomeprazol 20 mg', dosage: 'Uống 1 viên trước ăn sáng 30 phút' }],
  M17: [
    {
      atc: 'N02BE01',
      name: 'Paracetamol 500 mg',
      dosage: 'Uống 1 viên khi đau, tối đa 4 viên/ngày',
    },
  ],
  'B18.1': [
    { atc: 'J05AF07', name: 'Tenofovir disoproxil 300 mg', dosage: 'Uống 1 viên mỗi ngày' },
  ],
  I25: [{ atc: 'B01AC06', name: 'Aspirin 81 mg', dosage: 'Uống 1 viên mỗi ngày sau ăn' }],
};

/** Specialties: SNOMED CT practice settings, from @vnhealth/core's telemedicine conventions. */
export const SPECIALTIES = TELEMEDICINE_SPECIALTIES;

/** Practitioner qualifications (Vietnamese degree titles). */
export const QUALIFICATIONS: readonly (readonly [
  { code: string; prefix: string; text: string },
  number,
])[] = [
  [{ code: 'BS', prefix: 'BS.', text: 'Bác sĩ' }, 45],
  [{ code: 'ThS.BS', prefix: 'ThS.BS.', text: 'Thạc sĩ, Bác sĩ' }, 25],
  [{ code: 'BSCKI', prefix: 'BSCKI.', text: 'Bác sĩ chuyên khoa I' }, 15],
  [{ code: 'BSCKII', prefix: 'BSCKII.', text: 'Bác sĩ chuyên khoa II' }, 8],
  [{ code: 'TS.BS', prefix: 'TS.BS.', text: 'Tiến sĩ, Bác sĩ' }, 7],
];
