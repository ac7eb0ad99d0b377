/**
 * The FHIRPath compiler (scripts/fhirpath-compile.ts) and the helpers its output calls
 * (fhir/invariants/fhirpath.ts, dates.ts): the translations, what is refused, three-valued logic,
 * empty propagation and date comparison with partial precision.
 */
import { describe, expect, it } from 'vitest';
import { compileFhirPath, compileInvariant, Unsupported } from '../../scripts/fhirpath-compile.ts';
import * as f from '../../packages/core/src/fhir/invariants/fhirpath.ts';
import { compareFhirDates } from '../../packages/core/src/fhir/invariants/dates.ts';

const ctx = { choices: new Set(['value']), resourceTypes: new Set(['Composition']) };

describe('compileFhirPath', () => {
  it('translates navigation, choice elements, type tests and lambdas', () => {
    expect(compileFhirPath('code.empty() or system.exists()', ctx)).toBe(
      'f.or(f.lacks(t, "code"), () => f.has(t, "system"))',
    );
    expect(compileFhirPath('value.as(Quantity).exists()', ctx)).toBe('f.has(t, "valueQuantity")');
    // `is` evaluates its input twice: empty input, empty result.
    expect(compileFhirPath('entry.first().resource.is(Composition)', ctx)).toBe(
      'f.is(f.child(f.first(f.get(t, "entry")), "resource"), ' +
        'f.ofResource(f.child(f.first(f.get(t, "entry")), "resource"), "Composition"))',
    );
    expect(compileFhirPath("where(use = 'home').empty()", ctx)).toBe(
      'f.empty(f.where([t], (x1) => f.eq(f.get(x1, "use"), ["home"])))',
    );
  });
  it('flattens and deduplicates unions, and tests membership operand by operand', () => {
    expect(compileFhirPath('(a | b | b | a).count()', ctx)).toBe(
      'f.count(f.union(f.get(t, "a"), f.get(t, "b")))',
    );
    expect(compileFhirPath("code in ('x' | 'y' | 'x')", ctx)).toBe(
      'f.memberOfAny(f.get(t, "code"), [["x"], ["y"]])',
    );
    expect(f.memberOfAny(['y'], [['x'], ['y']])).toEqual([true]);
    expect(f.memberOfAny(['z'], [['x'], ['y']])).toEqual([false]);
    expect(f.memberOfAny([], [['x']])).toEqual([]);
  });
  it('computes what a lambda reads of %resource once, on first use', () => {
    expect(compileInvariant("entry.all(request.exists() = (%resource.type = 'batch'))", ctx)).toBe(
      '(t, r, rr) => {\n    let h1: f.Coll | undefined;\n    return f.passes(' +
        'f.all(f.get(t, "entry"), (x1) => f.eq(f.has(x1, "request"), ' +
        '(h1 ??= f.eq(f.get(r, "type"), ["batch"])))));\n  }',
    );
    // Nothing to lift: the plain form.
    expect(compileInvariant('code.empty() or system.exists()', ctx)).toBe(
      '(t, r, rr) => f.passes(f.or(f.lacks(t, "code"), () => f.has(t, "system")))',
    );
  });
  it('refuses what it does not translate, with the reason', () => {
    expect(() => compileFhirPath('htmlChecks()', ctx)).toThrow(Unsupported);
    expect(() => compileFhirPath('htmlChecks()', ctx)).toThrow('the function htmlChecks()');
    expect(() => compileFhirPath('value.as(Quantity) and x.as(Period)', ctx)).toThrow(
      'as(Period) outside a choice element',
    );
    expect(() => compileFhirPath('%vs-x.exists()', ctx)).toThrow(Unsupported);
  });
});

describe('the helpers', () => {
  const E: unknown[] = [];
  it('three-valued and, or, implies, xor, not', () => {
    expect(f.and([true], () => E)).toEqual([]);
    expect(f.and([false], () => E)).toEqual([false]);
    expect(f.or(E, () => [true])).toEqual([true]);
    expect(f.or([false], () => E)).toEqual([]);
    expect(f.implies(E, () => [true])).toEqual([true]);
    expect(f.implies([true], () => [false])).toEqual([false]);
    expect(f.implies(E, () => [false])).toEqual([]);
    expect(f.xor([true], [false])).toEqual([true]);
    expect(f.not(E)).toEqual([]);
  });
  it('empty propagation in comparisons; only a single false fails an invariant', () => {
    expect(f.eq(E, ['a'])).toEqual([]);
    expect(f.le([1], E)).toEqual([]);
    expect(f.passes([])).toBe(true);
    expect(f.passes([false])).toBe(false);
    expect(f.passes([true])).toBe(true);
  });
  it('quantities compare only in the same unit', () => {
    const q = (value: number, code: string) => ({
      value,
      code,
      system: 'http://unitsofmeasure.org',
    });
    expect(f.le([q(1, 'mg')], [q(2, 'mg')])).toEqual([true]);
    expect(f.le([q(3, 'mg')], [q(2, 'mg')])).toEqual([false]);
    expect(f.le([q(3, 'g')], [q(2, 'mg')])).toEqual([]);
  });
  it('union, isDistinct and intersect compare by value, members in any order', () => {
    expect(
      f.isDistinct([
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
    ).toEqual([false]);
    expect(f.isDistinct(['1', 1])).toEqual([true]);
    expect(f.union([1, 2], [2, 3])).toEqual([1, 2, 3]);
    expect(f.intersect([{ code: 'x' }, { code: 'y' }], [{ code: 'y' }])).toEqual([{ code: 'y' }]);
  });
  it('dates with partial precision and time zones', () => {
    expect(compareFhirDates('2024-05-01', '2024-05-02')).toBeLessThan(0);
    expect(compareFhirDates('2024-05', '2024-05-01')).toBeNull();
    expect(compareFhirDates('2024-05-01', '2024-05-01T10:00:00Z')).toBeNull();
    expect(compareFhirDates('2024-04', '2024-05-01')).toBeLessThan(0);
    expect(compareFhirDates('2024-05-01T10:00:00+07:00', '2024-05-01T03:00:00Z')).toBe(0);
    expect(compareFhirDates('10:00:00', '09:59:59')).toBeGreaterThan(0);
    expect(compareFhirDates('final', 'amended')).toBeUndefined();
    // Same length and zone (the string fast path) and same length, other zone (parsed).
    expect(compareFhirDates('2024-05-01T10:00:00+07:00', '2024-05-01T09:00:00+07:00')).toBe(1);
    expect(compareFhirDates('2024-05-01T10:00:00.5Z', '2024-05-01T10:00:00.4Z')).toBe(1);
    expect(compareFhirDates('2024-05-01T10:00:00+07:00', '2024-05-01T09:00:00+05:00')).toBeLessThan(
      0,
    );
    expect(
      compareFhirDates('2024-05-01T10:00:00.1234Z', '2024-05-01T10:00:00+07:00'),
    ).toBeGreaterThan(0);
  });
});
