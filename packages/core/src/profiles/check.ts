/**
 * The VN Core profile layer: checks that sit above FHIR R4 structure (run by `validateResource`
 * with `profile`). Findings are warnings unless the caller asks for strict profile conformance.
 */
import type { ValidationIssue } from '../errors.ts';
import type { Address, Identifier, Resource } from '../fhir/index.ts';
import { systemsFor, vnCoreProfiles, type ExtensionKind, type VnCoreFlavour } from '../kernel.ts';
import { isValidBhyt, isValidCccd } from '../vn/identifiers.ts';
import { extensionUrlsFor, provinceOf } from './helpers.ts';

const MESSAGES: Record<string, [string, string]> = {
  'vn-name': ['VN Core expects at least one name.', 'VN Core yêu cầu ít nhất một họ tên.'],
  'vn-name-text': [
    'Send the full name in HumanName.text (family name first).',
    'Hãy gửi họ tên đầy đủ trong HumanName.text (họ trước).',
  ],
  'vn-identifier': [
    'VN Core expects at least one identifier.',
    'VN Core yêu cầu ít nhất một định danh.',
  ],
  'vn-cccd': [
    'Not a valid CCCD (12 digits, no future birth year).',
    'Số CCCD không hợp lệ (12 chữ số, năm sinh không ở tương lai).',
  ],
  'vn-cmnd': ['Not a valid CMND (9 or 12 digits).', 'Số CMND không hợp lệ (9 hoặc 12 chữ số).'],
  'vn-bhyt': [
    'Not a valid BHYT number (15-character code, 10-digit BHXH number or CCCD).',
    'Mã BHYT không hợp lệ (mã 15 ký tự, mã số BHXH 10 chữ số hoặc CCCD).',
  ],
  'vn-extension': [
    'This VN Core extension has no value.',
    'Extension VN Core này không có giá trị.',
  ],
  'vn-address-text': ['VN Core expects Address.text.', 'VN Core yêu cầu Address.text.'],
  'vn-province': [
    'Province not recognised (neither one of the 34 since 2025 nor one of the 63 before).',
    'Không nhận ra tỉnh/thành (không thuộc 34 đơn vị từ 2025 hay 63 đơn vị trước đó).',
  ],
  'vn-province-legacy': [
    'Province % was merged on 1 July 2025; use its successor unless this is an old address.',
    'Tỉnh % đã sáp nhập từ 1/7/2025; hãy dùng tỉnh mới trừ khi đây là địa chỉ cũ.',
  ],
  'vn-province-extension': [
    'A Vietnamese address needs the province extension (vn-addr-province).',
    'Địa chỉ ở Việt Nam cần extension tỉnh/thành (vn-addr-province).',
  ],
};

const VN = /^(vn|vnm|viet ?nam|việt nam)$/i;

/** Profile findings for `resource` under `flavour`; `severity` is applied to every finding. */
export function checkProfile(
  resource: Resource,
  flavour: VnCoreFlavour,
  severity: 'error' | 'warning',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const type = resource.resourceType;
  const add = (path: string, code: string, detail = '') => {
    const [en, vi] = MESSAGES[code]!;
    issues.push({
      path,
      code,
      severity,
      message: en.replace('%', () => detail),
      messageVi: vi.replace('%', () => detail),
    });
  };
  const r = resource as {
    identifier?: Identifier[] | Identifier;
    address?: Address[] | Address;
  };
  const community = flavour === 'vn-core-community';

  if (Array.isArray(r.identifier)) {
    const [cccd, cmnd, bhyt] = (['cccd', 'cmnd', 'bhyt'] as const).map(systemsFor);
    r.identifier.forEach((id, i) => {
      const value = id.value ?? '';
      const at = `${type}.identifier[${i}].value`;
      if (!id.system) return;
      if (cccd!.includes(id.system) && !isValidCccd(value)) add(at, 'vn-cccd');
      if (cmnd!.includes(id.system) && !/^(\d{9}|\d{12})$/.test(value)) add(at, 'vn-cmnd');
      if (bhyt!.includes(id.system) && !isValidBhyt(value)) add(at, 'vn-bhyt');
    });
  }

  if (type === 'Patient' || type === 'Practitioner') {
    const names = resource.name;
    if (!names?.length) add(`${type}.name`, 'vn-name');
    names?.forEach((n, i) => {
      if (!n.text?.trim()) add(`${type}.name[${i}].text`, 'vn-name-text');
    });
    if (type === 'Patient' && community && !resource.identifier?.length)
      add('Patient.identifier', 'vn-identifier');
    const kinds = Object.keys(vnCoreProfiles[flavour].extensions) as ExtensionKind[];
    resource.extension?.forEach((e, i) => {
      const known = kinds.some((k) => extensionUrlsFor(k).includes(e.url));
      if (known && !e.extension && !Object.keys(e).some((k) => k.startsWith('value'))) {
        add(`${type}.extension[${i}]`, 'vn-extension');
      }
    });
  }

  const addresses = Array.isArray(r.address) ? r.address : r.address ? [r.address] : [];
  addresses.forEach((a, i) => {
    const at = Array.isArray(r.address) ? `${type}.address[${i}]` : `${type}.address`;
    if (a.country && !VN.test(a.country.trim())) return;
    if (!community && !a.text?.trim()) add(`${at}.text`, 'vn-address-text');
    const province = provinceOf(a);
    const named = a.state || a.city || a.extension?.some((e) => e.url.endsWith('province'));
    if (!province) {
      if (named) add(at, 'vn-province');
    } else if (!province.current && a.use !== 'old' && !a.period?.end) {
      add(at, 'vn-province-legacy', `${province.name} → ${province.successor?.name ?? ''}`);
    }
    if (
      community &&
      a.country &&
      !a.extension?.some((e) => e.url === vnCoreProfiles[flavour].extensions.province)
    ) {
      add(at, 'vn-province-extension');
    }
  });
  return issues;
}
