/** The English and Vietnamese messages of the structure check's issues, by issue code. */

/** English and Vietnamese message templates by issue code; `%` is replaced by the detail. */
export const MESSAGES: Record<string, [string, string]> = {
  'invalid-type': ['Expected %.', 'Cần %.'],
  'invalid-format': ['Not a valid FHIR %.', 'Không phải giá trị FHIR % hợp lệ.'],
  required: ['Required element % is missing.', 'Thiếu phần tử bắt buộc %.'],
  cardinality: ['Expected %.', 'Cần %.'],
  empty: [
    'Empty values (%) are not allowed in FHIR JSON; leave the element out.',
    'FHIR JSON không cho phép giá trị rỗng (%); hãy bỏ phần tử đó.',
  ],
  'code-invalid': ['Code not allowed here; use one of: %.', 'Mã không hợp lệ; dùng một trong: %.'],
  choice: ['Only one of % may be present.', 'Chỉ được có một trong %.'],
  'unknown-property': [
    'Unknown property % (a typo, or not FHIR R4?); it is kept as is.',
    'Thuộc tính lạ % (gõ nhầm hoặc không thuộc FHIR R4?); vẫn được giữ nguyên.',
  ],
  'primitive-extension': [
    'null is only allowed where the matching % entry holds an extension, and both arrays must have the same length.',
    'Chỉ được dùng null khi phần tử % tương ứng có extension, và hai mảng phải cùng độ dài.',
  ],
  'resource-type': ['resourceType must be %.', 'resourceType phải là %.'],
  'unsupported-type': [
    '% is not one of the resource types the SDK models; it was accepted without checks.',
    '% không thuộc các loại tài nguyên SDK mô hình hóa; đã nhận mà không kiểm tra.',
  ],
  'too-deep': [
    'Nested too deeply to be a FHIR resource.',
    'Lồng quá sâu, không thể là tài nguyên FHIR.',
  ],
  invariant: [
    'An Extension has either value[x] or nested extensions, not both (ext-1).',
    'Extension chỉ có value[x] hoặc extension lồng nhau, không có cả hai (ext-1).',
  ],
};

/** Vietnamese words for the English details that appear in messages. */
export const VI: Record<string, string> = {
  'an object': 'một đối tượng',
  'an array': 'một mảng',
  'a single value, not an array': 'một giá trị đơn, không phải mảng',
  'a FHIR resource name': 'tên một loại tài nguyên FHIR',
};
