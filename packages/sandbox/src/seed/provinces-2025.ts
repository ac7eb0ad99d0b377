/**
 * The 34 provincial-level units from 1 July 2025 (Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg),
 * copied from shared/reference/vn-core/provinces-2025.json (code, name, merged-from).
 */
export interface Province2025 {
  code: string;
  name: string;
  nameEn: string;
  mergedFrom: readonly string[];
}

const provinces: readonly Province2025[] = [
  { code: '01', name: 'Thành phố Hà Nội', nameEn: 'Hanoi City', mergedFrom: [] },
  { code: '04', name: 'Tỉnh Cao Bằng', nameEn: 'Cao Bang Province', mergedFrom: [] },
  {
    code: '08',
    name: 'Tỉnh Tuyên Quang',
    nameEn: 'Tuyen Quang Province',
    mergedFrom: ['Tuyên Quang', 'Hà Giang'],
  },
  { code: '11', name: 'Tỉnh Điện Biên', nameEn: 'Dien Bien Province', mergedFrom: [] },
  { code: '12', name: 'Tỉnh Lai Châu', nameEn: 'Lai Chau Province', mergedFrom: [] },
  { code: '14', name: 'Tỉnh Sơn La', nameEn: 'Son La Province', mergedFrom: [] },
  {
    code: '15',
    name: 'Tỉnh Lào Cai',
    nameEn: 'Lao Cai Province',
    mergedFrom: ['Lào Cai', 'Yên Bái'],
  },
  {
    code: '19',
    name: 'Tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen Province',
    mergedFrom: ['Thái Nguyên', 'Bắc Kạn'],
  },
  { code: '20', name: 'Tỉnh Lạng Sơn', nameEn: 'Lang Son Province', mergedFrom: [] },
  { code: '22', name: 'Tỉnh Quảng Ninh', nameEn: 'Quang Ninh Province', mergedFrom: [] },
  {
    code: '24',
    name: 'Tỉnh Bắc Ninh',
    nameEn: 'Bac Ninh Province',
    mergedFrom: ['Bắc Ninh', 'Bắc Giang'],
  },
  {
    code: '25',
    name: 'Tỉnh Phú Thọ',
    nameEn: 'Phu Tho Province',
    mergedFrom: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'],
  },
  {
    code: '31',
    name: 'Thành phố Hải Phòng',
    nameEn: 'Hai Phong City',
    mergedFrom: ['Hải Phòng', 'Hải Dương'],
  },
  {
    code: '33',
    name: 'Tỉnh Hưng Yên',
    nameEn: 'Hung Yen Province',
    mergedFrom: ['Hưng Yên', 'Thái Bình'],
  },
  {
    code: '37',
    name: 'Tỉnh Ninh Bình',
    nameEn: 'Ninh Binh Province',
    mergedFrom: ['Ninh Bình', 'Hà Nam', 'Nam Định'],
  },
  { code: '38', name: 'Tỉnh Thanh Hóa', nameEn: 'Thanh Hoa Province', mergedFrom: [] },
  { code: '40', name: 'Tỉnh Nghệ An', nameEn: 'Nghe An Province', mergedFrom: [] },
  { code: '42', name: 'Tỉnh Hà Tĩnh', nameEn: 'Ha Tinh Province', mergedFrom: [] },
  {
    code: '44',
    name: 'Tỉnh Quảng Trị',
    nameEn: 'Quang Tri Province',
    mergedFrom: ['Quảng Trị', 'Quảng Bình'],
  },
  { code: '46', name: 'Thành phố Huế', nameEn: 'Hue City', mergedFrom: [] },
  {
    code: '48',
    name: 'Thành phố Đà Nẵng',
    nameEn: 'Da Nang City',
    mergedFrom: ['Đà Nẵng', 'Quảng Nam'],
  },
  {
    code: '51',
    name: 'Tỉnh Quảng Ngãi',
    nameEn: 'Quang Ngai Province',
    mergedFrom: ['Quảng Ngãi', 'Kon Tum'],
  },
  {
    code: '52',
    name: 'Tỉnh Gia Lai',
    nameEn: 'Gia Lai Province',
    mergedFrom: ['Gia Lai', 'Bình Định'],
  },
  {
    code: '56',
    name: 'Tỉnh Khánh Hòa',
    nameEn: 'Khanh Hoa Province',
    mergedFrom: ['Khánh Hòa', 'Ninh Thuận'],
  },
  {
    code: '66',
    name: 'Tỉnh Đắk Lắk',
    nameEn: 'Dak Lak Province',
    mergedFrom: ['Đắk Lắk', 'Phú Yên'],
  },
  {
    code: '68',
    name: 'Tỉnh Lâm Đồng',
    nameEn: 'Lam Dong Province',
    mergedFrom: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'],
  },
  {
    code: '75',
    name: 'Tỉnh Đồng Nai',
    nameEn: 'Dong Nai Province',
    mergedFrom: ['Đồng Nai', 'Bình Phước'],
  },
  {
    code: '79',
    name: 'Thành phố Hồ Chí Minh',
    nameEn: 'Ho Chi Minh City',
    mergedFrom: ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  },
  {
    code: '80',
    name: 'Tỉnh Tây Ninh',
    nameEn: 'Tay Ninh Province',
    mergedFrom: ['Tây Ninh', 'Long An'],
  },
  {
    code: '82',
    name: 'Tỉnh Đồng Tháp',
    nameEn: 'Dong Thap Province',
    mergedFrom: ['Đồng Tháp', 'Tiền Giang'],
  },
  {
    code: '86',
    name: 'Tỉnh Vĩnh Long',
    nameEn: 'Vinh Long Province',
    mergedFrom: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'],
  },
  {
    code: '91',
    name: 'Tỉnh An Giang',
    nameEn: 'An Giang Province',
    mergedFrom: ['An Giang', 'Kiên Giang'],
  },
  {
    code: '92',
    name: 'Thành phố Cần Thơ',
    nameEn: 'Can Tho City',
    mergedFrom: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'],
  },
  {
    code: '96',
    name: 'Tỉnh Cà Mau',
    nameEn: 'Ca Mau Province',
    mergedFrom: ['Cà Mau', 'Bạc Liêu'],
  },
];

export default provinces;
