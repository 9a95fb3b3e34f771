import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPersonnummer, luhnCheckDigit, parsePersonnummer } from './personnummer';

/** Generates valid personnummer (or samordningsnummer) from a date and a serial. */
const validNumber = fc
  .record({
    date: fc.date({ min: new Date('1890-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
    serial: fc.integer({ min: 0, max: 999 }),
    samordning: fc.boolean(),
  })
  .map(({ date, serial, samordning }) => {
    const y = String(date.getUTCFullYear());
    const m = String(date.getUTCMonth() + 1).padStart(2, '0');
    const d = String(date.getUTCDate() + (samordning ? 60 : 0)).padStart(2, '0');
    const nine = `${y.slice(2)}${m}${d}${String(serial).padStart(3, '0')}`;
    return `${y.slice(0, 2)}${nine}${luhnCheckDigit(nine)}`;
  });

describe('parsePersonnummer', () => {
  it("accepts the manual's example and normalises the hyphenated form", () => {
    expect(parsePersonnummer('191212121212')).toMatchObject({ ok: true, value: '191212121212' });
    expect(parsePersonnummer(' 19121212-1212 ')).toMatchObject({ ok: true, value: '191212121212' });
  });

  it('accepts a space where the hyphen goes, like the hyphen', () => {
    expect(parsePersonnummer('19121212 1212')).toMatchObject({ ok: true, value: '191212121212' });
    expect(parsePersonnummer(' 19121212  1212 ')).toMatchObject({ ok: true, value: '191212121212' });
    // Only there: a space elsewhere is still not a personnummer.
    expect(parsePersonnummer('1912 12121212')).toMatchObject({ ok: false, code: 'not-digits' });
    expect(parsePersonnummer('121212 1212')).toMatchObject({ ok: false, code: 'only-ten-digits' });
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    // 1912-12-72 → day 12 + 60; check digit computed for it.
    const nine = '1212721' + '23';
    const pnr = `19${nine}${luhnCheckDigit(nine)}`;
    expect(parsePersonnummer(pnr)).toMatchObject({ ok: true, isSamordningsnummer: true });
  });

  it.each([
    ['', 'empty'],
    ['1212121212', 'only-ten-digits'],
    ['121212-1212', 'only-ten-digits'],
    ['19121212121', 'wrong-length'],
    ['1912121212123', 'wrong-length'],
    ['19121212abcd', 'not-digits'],
    ['191212121213', 'wrong-check-digit'],
    ['191213321212', 'impossible-date'],
    ['190002291234', 'impossible-date'],
  ])('refuses %j with %s', (input, code) => {
    const result = parsePersonnummer(input);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toMatch(/[a-zåäö]/i);
  });

  it('asks for all 12 digits when given 10', () => {
    const result = parsePersonnummer('1212121212');
    expect(!result.ok && result.message).toContain('alla 12 siffror');
  });

  it('accepts every generated valid number', () => {
    fc.assert(
      fc.property(validNumber, (pnr) => {
        expect(parsePersonnummer(pnr).ok).toBe(true);
        expect(parsePersonnummer(`${pnr.slice(0, 8)}-${pnr.slice(8)}`).ok).toBe(true);
      }),
    );
  });

  it('reads a space before the last four exactly as the hyphen', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 1, max: 3 }), (pnr, spaces) => {
        const spaced = `${pnr.slice(0, 8)}${' '.repeat(spaces)}${pnr.slice(8)}`;
        expect(parsePersonnummer(spaced)).toEqual(parsePersonnummer(`${pnr.slice(0, 8)}-${pnr.slice(8)}`));
      }),
    );
  });

  it('refuses every single-digit change of the last ten digits', () => {
    fc.assert(
      fc.property(
        validNumber,
        fc.integer({ min: 2, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (pnr, index, delta) => {
          const digit = (Number(pnr[index]) + delta) % 10;
          const changed = pnr.slice(0, index) + digit + pnr.slice(index + 1);
          const result = parsePersonnummer(changed);
          // Luhn catches every single-digit error; a change in the date part may
          // instead make the date impossible. Either way it is refused.
          expect(result.ok).toBe(false);
        },
      ),
    );
  });

  it('formats with a hyphen before the last four', () => {
    const parsed = parsePersonnummer('191212121212');
    expect(parsed.ok && formatPersonnummer(parsed.value)).toBe('19121212-1212');
  });
});
