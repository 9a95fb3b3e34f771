import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

/** What a spreadsheet reads from one quoted cell: the text between the quotes, "" as ". */
function unquote(cell: string): string {
  expect(cell.startsWith('"') && cell.endsWith('"') && cell.length >= 2).toBe(true);
  const inner = cell.slice(1, -1);
  // Every quote inside comes in a pair, so the cell cannot end early.
  expect(inner.replaceAll('""', '')).not.toContain('"');
  return inner.replaceAll('""', '"');
}

const FORMULA_SIGNS = ['=', '+', '-', '@', '\t', '\r'];

describe('csvCell', () => {
  it('quotes a plain value and doubles its quotes', () => {
    expect(csvCell('Ana Nordin')).toBe('"Ana Nordin"');
    expect(csvCell('a "b"; c\r\nd')).toBe('"a ""b""; c\r\nd"');
    expect(csvCell('')).toBe('""');
  });

  it.each(FORMULA_SIGNS)('neutralises a cell that begins with %j', (sign) => {
    expect(csvCell(`${sign}HYPERLINK("https://x.example","klicka")`)).toBe(
      `"'${sign}HYPERLINK(""https://x.example"",""klicka"")"`,
    );
  });

  it('leaves a formula sign after the first character alone', () => {
    expect(csvCell('2990 Länsservice - Norr')).toBe('"2990 Länsservice - Norr"');
    expect(csvCell('2026-03-01T10:00:00.000Z')).toBe('"2026-03-01T10:00:00.000Z"');
  });

  it('for any text: one well-quoted cell, never starting with a formula sign, holding the text', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...FORMULA_SIGNS, '"', ';', '\n', 'a', ' ', "'") }),
      fc.tuple(fc.constantFrom(...FORMULA_SIGNS), fc.string()).map(([sign, rest]) => sign + rest),
    );
    fc.assert(
      fc.property(text, (value) => {
        const read = unquote(csvCell(value));
        expect(FORMULA_SIGNS.some((sign) => read.startsWith(sign))).toBe(false);
        expect(read === value || read === `'${value}`).toBe(true);
        expect(read === `'${value}`).toBe(FORMULA_SIGNS.some((sign) => value.startsWith(sign)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('csvRow', () => {
  it('joins the cells with semicolons', () => {
    expect(csvRow(['Tidpunkt', '=1+1', 'a;b'])).toBe(`"Tidpunkt";"'=1+1";"a;b"`);
  });
});
