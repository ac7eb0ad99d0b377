/**
 * Vietnamese provinces: the 34 provincial-level units in force since 1 July 2025 (Resolution
 * 202/2025/QH15, codes of Decision 19/2025/QĐ-TTg; from /work/shared/reference/vn-core/provinces-2025.json)
 * and the 63 provinces before it (GSO codes, also the 3-digit birth-province prefix of a CCCD),
 * each with the 2025 province it became part of. Kept as two compact strings for bundle size.
 */

/** A provincial-level unit. */
export interface Province {
  /** 2-digit GSO code. */
  readonly code: string;
  /** Vietnamese name: with its type (`Tỉnh Khánh Hòa`) for 2025 units, bare for legacy ones. */
  readonly name: string;
  /** `true` for the 34 units since 1 July 2025; `false` for the 63 before. */
  readonly current: boolean;
  /** Legacy units: the 2025 province that took it over. */
  readonly successor?: Province;
}

const CURRENT =
  '01:Thành phố Hà Nội,04:Tỉnh Cao Bằng,08:Tỉnh Tuyên Quang,11:Tỉnh Điện Biên,12:Tỉnh Lai Châu,14:Tỉnh Sơn La,15:Tỉnh Lào Cai,19:Tỉnh Thái Nguyên,20:Tỉnh Lạng Sơn,22:Tỉnh Quảng Ninh,24:Tỉnh Bắc Ninh,25:Tỉnh Phú Thọ,31:Thành phố Hải Phòng,33:Tỉnh Hưng Yên,37:Tỉnh Ninh Bình,38:Tỉnh Thanh Hóa,40:Tỉnh Nghệ An,42:Tỉnh Hà Tĩnh,44:Tỉnh Quảng Trị,46:Thành phố Huế,48:Thành phố Đà Nẵng,51:Tỉnh Quảng Ngãi,52:Tỉnh Gia Lai,56:Tỉnh Khánh Hòa,66:Tỉnh Đắk Lắk,68:Tỉnh Lâm Đồng,75:Tỉnh Đồng Nai,79:Thành phố Hồ Chí Minh,80:Tỉnh Tây Ninh,82:Tỉnh Đồng Tháp,86:Tỉnh Vĩnh Long,91:Tỉnh An Giang,92:Thành phố Cần Thơ,96:Tỉnh Cà Mau';
const LEGACY =
  '01:Hà Nội>01,02:Hà Giang>08,04:Cao Bằng>04,06:Bắc Kạn>19,08:Tuyên Quang>08,10:Lào Cai>15,11:Điện Biên>11,12:Lai Châu>12,14:Sơn La>14,15:Yên Bái>15,17:Hòa Bình>25,19:Thái Nguyên>19,20:Lạng Sơn>20,22:Quảng Ninh>22,24:Bắc Giang>24,25:Phú Thọ>25,26:Vĩnh Phúc>25,27:Bắc Ninh>24,30:Hải Dương>31,31:Hải Phòng>31,33:Hưng Yên>33,34:Thái Bình>33,35:Hà Nam>37,36:Nam Định>37,37:Ninh Bình>37,38:Thanh Hóa>38,40:Nghệ An>40,42:Hà Tĩnh>42,44:Quảng Bình>44,45:Quảng Trị>44,46:Thừa Thiên Huế>46,48:Đà Nẵng>48,49:Quảng Nam>48,51:Quảng Ngãi>51,52:Bình Định>52,54:Phú Yên>66,56:Khánh Hòa>56,58:Ninh Thuận>56,60:Bình Thuận>68,62:Kon Tum>51,64:Gia Lai>52,66:Đắk Lắk>66,67:Đắk Nông>68,68:Lâm Đồng>68,70:Bình Phước>75,72:Tây Ninh>80,74:Bình Dương>79,75:Đồng Nai>75,77:Bà Rịa - Vũng Tàu>79,79:Hồ Chí Minh>79,80:Long An>80,82:Tiền Giang>82,83:Bến Tre>86,84:Trà Vinh>86,86:Vĩnh Long>86,87:Đồng Tháp>82,89:An Giang>91,91:Kiên Giang>91,92:Cần Thơ>92,93:Hậu Giang>92,94:Sóc Trăng>92,95:Bạc Liêu>96,96:Cà Mau>96';

let tables: { current: Province[]; legacy: Province[] } | undefined;

/** The 34 provinces since 1 July 2025 and the 63 before it. */
export function provinces(): { current: readonly Province[]; legacy: readonly Province[] } {
  if (!tables) {
    const current = CURRENT.split(',').map((entry) => {
      const [code, name] = entry.split(':') as [string, string];
      return { code, name, current: true };
    });
    const legacy = LEGACY.split(',').map((entry) => {
      const [code, rest] = entry.split(':') as [string, string];
      const [name, next] = rest.split('>') as [string, string];
      return { code, name, current: false, successor: current.find((p) => p.code === next)! };
    });
    tables = { current, legacy };
  }
  return tables;
}

/** Lower-case, accent-free, without the unit type: `Tỉnh Khánh Hòa` → `khanh hoa`. */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/^(thanh pho|tinh|tp\.?)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Find a province by code or name (any spelling: with or without accents or `Tỉnh`/`Thành phố`).
 * A 2025 unit wins over a legacy one with the same code or name; with `legacy: true` only legacy
 * units are searched (codes of old records and CCCD birth provinces). A code is 2 digits, or 3
 * with a leading 0 as in a CCCD (`079`).
 */
export function findProvince(
  codeOrName: string,
  options: { legacy?: boolean } = {},
): Province | undefined {
  const { current, legacy } = provinces();
  const value = codeOrName.trim();
  const pools = options.legacy ? [legacy] : [current, legacy];
  if (/^\d{1,3}$/.test(value)) {
    // A 3-digit code (a CCCD's birth province) is the 2-digit code with a leading 0: `079` is
    // Hồ Chí Minh, `179` is no province.
    const padded = value.padStart(3, '0');
    if (!padded.startsWith('0')) return undefined;
    const code = padded.slice(1);
    for (const pool of pools) {
      const hit = pool.find((p) => p.code === code);
      if (hit) return hit;
    }
    return undefined;
  }
  const key = placeKey(value);
  if (key === 'ho chi minh city' || key === 'hcm' || key === 'sai gon')
    return findProvince('79', options);
  if (key === 'hue' && options.legacy) return findProvince('46', options);
  for (const pool of pools) {
    const hit = pool.find((p) => placeKey(p.name) === key);
    if (hit) return hit;
  }
  return undefined;
}
