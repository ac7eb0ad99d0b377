import { describe, expect, it } from 'vitest';
import type { Patient } from '../fhir/index.ts';
import { validateResource } from '../validation.ts';
import { ethnicity, getIdentifier, provinceOf, vnCoreCommunity, vnCoreMoh } from './index.ts';

const moh: Patient = {
  resourceType: 'Patient',
  identifier: [
    { system: vnCoreMoh.identifierSystems.cccd, value: '079203001234' },
    { system: vnCoreMoh.identifierSystems.bhyt, value: 'HT4790123456789' },
  ],
  name: [{ use: 'official', text: 'Nguyễn Văn An', family: 'Nguyễn', given: ['Văn', 'An'] }],
  gender: 'male',
  birthDate: '2003-04-05',
  extension: [
    {
      url: vnCoreMoh.extensions.ethnicity!,
      valueCodeableConcept: {
        coding: [
          {
            system: 'http://fhir.ehealth.gov.vn/core/CodeSystem/vn-core-race',
            code: '01',
            display: 'Kinh',
          },
        ],
      },
    },
  ],
  address: [
    {
      text: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
      line: ['12 Lê Lợi'],
      state: 'Thành phố Hồ Chí Minh',
      country: 'VN',
    },
  ],
};

const community: Patient = {
  resourceType: 'Patient',
  identifier: [{ system: vnCoreCommunity.identifierSystems.cccd, value: '001185012345' }],
  name: [{ text: 'Trần Thị Bình', family: 'Trần', given: ['Thị', 'Bình'] }],
  extension: [
    { url: vnCoreCommunity.extensions.ethnicity!, valueCoding: { code: '01', display: 'Kinh' } },
  ],
  address: [
    {
      line: ['5 Nguyễn Huệ'],
      country: 'VN',
      extension: [
        {
          url: vnCoreCommunity.extensions.ward!,
          valueCoding: { code: '26734', display: 'Phường Sài Gòn' },
        },
        {
          url: vnCoreCommunity.extensions.province!,
          valueCoding: { code: '79', display: 'Thành phố Hồ Chí Minh' },
        },
      ],
    },
  ],
};

const codes = (p: unknown, profile: 'vn-core-moh' | 'vn-core-community', profileStrict = false) =>
  validateResource(p, { profile, profileStrict }).issues.map(
    (i) => `${i.path} ${i.code} ${i.severity}`,
  );

describe('VN Core profile layer', () => {
  it('accepts conformant patients of each flavour', () => {
    expect(codes(moh, 'vn-core-moh')).toEqual([]);
    expect(codes(community, 'vn-core-community')).toEqual([]);
  });

  it('reads identifiers of either flavour under either profile (no findings)', () => {
    expect(codes({ ...moh, address: undefined }, 'vn-core-community')).toEqual(
      ['Patient.identifier missing'].slice(1),
    );
  });

  it('reports bad CCCD/BHYT, missing name.text and province problems as warnings', () => {
    const bad: Patient = {
      ...moh,
      identifier: [
        { system: vnCoreMoh.identifierSystems.cccd, value: '07920300123' },
        { system: vnCoreCommunity.identifierSystems.bhyt, value: 'ZZ4790123456789' },
      ],
      name: [{ family: 'Nguyễn', given: ['An'] }],
      address: [
        { line: ['1 Trần Phú'], state: 'Ninh Thuận', country: 'VN' },
        { state: 'Atlantis' },
      ],
    };
    const result = validateResource(bad, { profile: 'vn-core-moh' });
    expect(result.ok).toBe(true);
    expect(codes(bad, 'vn-core-moh')).toEqual([
      'Patient.identifier[0].value vn-cccd warning',
      'Patient.identifier[1].value vn-bhyt warning',
      'Patient.name[0].text vn-name-text warning',
      'Patient.address[0].text vn-address-text warning',
      'Patient.address[0] vn-province-legacy warning',
      'Patient.address[1].text vn-address-text warning',
      'Patient.address[1] vn-province warning',
    ]);
    expect(result.issues.find((i) => i.code === 'vn-province-legacy')?.message).toContain(
      'Ninh Thuận → Tỉnh Khánh Hòa',
    );
    expect(result.issues.every((i) => i.messageVi)).toBe(true);
  });

  it('accepts a legacy province on an old address', () => {
    const old: Patient = {
      ...moh,
      address: [{ text: 'x', district: 'Quận 1', state: 'Bình Dương', use: 'old' }],
    };
    expect(codes(old, 'vn-core-moh')).toEqual([]);
  });

  it('community: a Vietnamese address needs the province extension', () => {
    const p: Patient = {
      ...community,
      address: [{ line: ['1 Lê Lợi'], state: 'Khánh Hòa', country: 'VN' }],
    };
    expect(codes(p, 'vn-core-community')).toEqual([
      'Patient.address[0] vn-province-extension warning',
    ]);
  });

  it('profileStrict turns findings into errors', () => {
    const p: Patient = { ...moh, name: [{ family: 'Nguyễn' }] };
    const result = validateResource(p, { profile: 'vn-core-moh', profileStrict: true });
    expect(result.ok).toBe(false);
    expect(codes(p, 'vn-core-moh', true)).toEqual(['Patient.name[0].text vn-name-text error']);
  });

  it('checks BHYT on Coverage (community flavour)', () => {
    const coverage = {
      resourceType: 'Coverage',
      status: 'active',
      identifier: [{ system: vnCoreCommunity.identifierSystems.bhyt, value: 'XX1790123456789' }],
      beneficiary: { reference: 'Patient/1' },
      payor: [{ display: 'BHXH Việt Nam' }],
    };
    expect(codes(coverage, 'vn-core-community')).toEqual([
      'Coverage.identifier[0].value vn-bhyt warning',
    ]);
  });
});

describe('typed helpers', () => {
  it('getIdentifier finds CCCD/BHYT under either flavour', () => {
    expect(getIdentifier(moh, 'cccd')?.value).toBe('079203001234');
    expect(getIdentifier(community, 'cccd')?.value).toBe('001185012345');
    expect(getIdentifier(moh, 'bhyt', 'vn-core-community')?.value).toBe('HT4790123456789');
    expect(getIdentifier(community, 'passport')).toBeUndefined();
    expect(getIdentifier(undefined, 'cccd')).toBeUndefined();
  });

  it('ethnicity reads the MoH extension-race and the community vn-ext-ethnicity', () => {
    expect(ethnicity(moh)).toMatchObject({ code: '01', display: 'Kinh' });
    expect(ethnicity(community)).toMatchObject({ code: '01', display: 'Kinh' });
    expect(ethnicity({ extension: [] })).toBeUndefined();
  });

  it('provinceOf resolves 2025 and legacy provinces', () => {
    expect(provinceOf(community.address![0])?.name).toBe('Thành phố Hồ Chí Minh');
    expect(provinceOf(moh.address![0])?.code).toBe('79');
    expect(provinceOf({ city: 'Trà Vinh' })).toMatchObject({
      current: false,
      successor: { name: 'Tỉnh Vĩnh Long' },
    });
    expect(provinceOf({ text: '1 Lê Lợi, Phường 1, Thành phố Huế' })?.code).toBe('46');
    expect(provinceOf({ line: ['x'] })).toBeUndefined();
  });
});
