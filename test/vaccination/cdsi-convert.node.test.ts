/**
 * `@vnhealth/core/schedule/cdsi`: the small XML reader and the conversion of the CDC's
 * supporting data (durations, dates, conflicts, groups, observations, skips).
 */
import { describe, expect, it } from 'vitest';
import { addDuration } from '@vnhealth/core/schedule';
import { fromCdsiSupportingData, parseXml } from '@vnhealth/core/schedule/cdsi';
import { cdsiSchedule } from './cdsi.ts';

describe('parseXml', () => {
  it('reads elements, attributes, entities, character references, CDATA and comments', () => {
    const root = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE a>\n<!-- a comment -->\n<a x="1" y='&quot;2&quot;'>b &amp; &#x1EA1;&#7841; <![CDATA[<raw> & ]]><c/><!-- skip --><d>e</d></a>`,
    );
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1', y: '"2"' });
    expect(root.text).toBe('b & ạạ <raw> &');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['c', ''],
      ['d', 'e'],
    ]);
  });

  it.each([
    ['<a><b></a>', /Expected <\/b>/],
    ['<a>', /Unclosed <a>/],
    ['<a>&nbsp;</a>', /Unknown XML entity/],
    ['<a/><b/>', /second root/],
    ['text', /outside the root/],
    ['<a><!-- never closed </a>', /Unclosed comment/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE/],
  ])('rejects %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});

describe('fromCdsiSupportingData (the real 4.64 files)', () => {
  const schedule = cdsiSchedule();
  const antigen = (id: string) => schedule.antigens.find((a) => a.id === id)!;

  it('has every antigen, the vaccine groups and the live virus conflicts', () => {
    expect(schedule.antigens).toHaveLength(30);
    expect(schedule.vaccineGroups.find((g) => g.id === 'MMR')!.antigens.sort()).toEqual([
      'Measles',
      'Mumps',
      'Rubella',
    ]);
    expect(schedule.vaccineGroups.find((g) => g.id === 'MMR')!.administerFullGroup).toBe(true);
    expect(
      schedule.vaccineGroups.find((g) => g.id === 'DTaP/Tdap/Td')!.administerFullGroup,
    ).toBeUndefined();
    expect(schedule.conflicts!.length).toBe(625);
    expect(schedule.conflicts).toContainEqual({
      previous: 'http://hl7.org/fhir/sid/cvx|03',
      current: 'http://hl7.org/fhir/sid/cvx|21',
      beginInterval: 'P1D',
      minimumEndInterval: 'P28D',
      endInterval: 'P28D',
    });
  });

  it('reads "4 weeks - 4 days" as P4W-4D and two intervals for HepB dose 3', () => {
    const dose3 = antigen('HepB').series[0]!.doses[2]!;
    expect(dose3.ages[0]).toMatchObject({ absoluteMinimumAge: 'P24W-4D', minimumAge: 'P24W' });
    expect(dose3.intervals).toEqual([
      expect.objectContaining({ from: 'previous', absoluteMinimumInterval: 'P8W-4D' }),
      expect.objectContaining({ from: { targetDose: 1 }, minimumInterval: 'P16W' }),
    ]);
    expect(addDuration('2025-01-01', 'P24W-4D')).toBe('2025-06-14');
  });

  it('reads immunity by birth date, associations by age, observations with codings', () => {
    expect(antigen('Measles').immunity).toMatchObject({
      bornBefore: '1957-01-01',
      exclusions: ['055'],
    });
    const zoster = schedule.vaccines.find((v) => v.code === '121')!;
    expect(zoster.antigens.length).toBeGreaterThan(0);
    const pregnant = schedule.observations!.find((o) => o.code === '007')!;
    expect(pregnant.title).toMatch(/Pregnan/);
  });

  it('keeps CDSi conditional skips with their context and set logic', () => {
    const hib2 = antigen('Hib').series[0]!.doses[1]!;
    expect(hib2.conditionalSkips?.map((s) => s.context)).toContain('evaluation');
    const td7 = antigen('Diphtheria').series[0]!.doses[6]!;
    const both = td7.conditionalSkips![0]!;
    expect(both).toMatchObject({ context: 'both', logic: 'or' });
    expect(both.sets[2]!.conditions[1]).toMatchObject({
      type: 'vaccine-count-by-age',
      beginAge: 'P4Y-4D',
      doseType: 'valid',
      doseCountLogic: 'greater-than',
    });
  });

  it('names what it cannot read', () => {
    const bad = (age: string) =>
      `<antigenSupportingData><series><seriesName>S</seriesName><targetDisease>X</targetDisease><selectSeries/><seriesDose><doseNumber>Dose 1</doseNumber><age><minAge>${age}</minAge></age></seriesDose></series></antigenSupportingData>`;
    expect(() =>
      fromCdsiSupportingData({ antigens: [bad('soon')], schedule: '<scheduleSupportingData/>' }),
    ).toThrow(/Unreadable CDSi duration "soon"/);
    const ok = fromCdsiSupportingData({
      antigens: [bad('6 weeks - 4 days')],
      schedule: '<scheduleSupportingData/>',
    });
    expect(ok.antigens[0]!.series[0]!.doses[0]!.ages[0]!.minimumAge).toBe('P6W-4D');
  });
});
