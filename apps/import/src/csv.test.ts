import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  masterdataArticleSchema,
  masterdataDeliveryAddressSchema,
  masterdataLoanSchema,
  masterdataPatientSchema,
  masterdataPayerSchema,
  masterdataPrescriberSchema,
  masterdataUnitSchema,
} from '@bmb/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportArgs, parseImportArgs } from './args';
import { CSV_FILES, cellText, cellValue } from './csv-format';
import { readImportEnv } from './env';
import { readFolder } from './read-folder';
import { placeRowProblems, reportLine, sortFileProblems } from './report';

describe('the CSV format', () => {
  it('has a file per list of the API, its columns exactly the API’s fields', () => {
    const schemas = {
      payers: masterdataPayerSchema,
      deliveryAddresses: masterdataDeliveryAddressSchema,
      prescribers: masterdataPrescriberSchema,
      patients: masterdataPatientSchema,
      articles: masterdataArticleSchema,
      units: masterdataUnitSchema,
      loans: masterdataLoanSchema,
    };
    expect(CSV_FILES.map((f) => f.entity)).toEqual(Object.keys(schemas));
    for (const file of CSV_FILES)
      expect(file.columns.map((c) => c.name).sort()).toEqual(
        Object.keys(schemas[file.entity].shape).sort(),
      );
    const loans = CSV_FILES.find((f) => f.file === 'loans.csv')!;
    expect(loans.columns.filter((c) => !c.required).map((c) => c.name)).toEqual([
      'individNo',
      'deliveredOn',
    ]);
  });

  it('turns cells into the API’s values and back', () => {
    expect(cellValue('text', '')).toBeUndefined();
    expect(cellValue('integer', '17484')).toBe(17484);
    expect(cellValue('integer', '12,5')).toBe('12,5');
    expect(cellValue('boolean', 'false')).toBe(false);
    expect(cellValue('list', '2990|7100')).toEqual(['2990', '7100']);
    expect([cellText(['2990', '7100']), cellText(null), cellText(true), cellText(3)]).toEqual([
      '2990|7100',
      '',
      'true',
      '3',
    ]);
  });
});

describe('reading a folder', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'bmb-import-csv-'));
    const files: Record<string, string> = {
      // A BOM, CRLF, an unknown column, a name over two lines, and an empty line.
      'payers.csv':
        '\uFEFFcode,name,colour\r\n2990,"Vårdcentralen\r\nNorr",blå\r\n\r\n7100,Söder,grön\r\n',
      'prescribers.csv':
        'username,name,active,payerCodes,defaultPayerCode\n' +
        'k700lina,Lina Lager,ja,2990|7100,7100\n' +
        'k701ove,Ove Lager,true,2990||7100,\n',
      // No name column: said once, on the header.
      'patients.csv': 'personnummer\n191212121212\n',
      'loans.csv':
        'sourceId,personnummer,articleNo,individNo,quantity,orderedOn,deliveredOn,prescriber,payer,deliveryAddress,status,version\n' +
        'S-1,191212121212\n',
      'stuff.csv': 'a\n1\n',
      'notes.txt': 'not a CSV file: ignored',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('keeps each row’s line, and says what is wrong where: file, line, column', async () => {
    const read = await readFolder(folder);
    expect(read.files.map((f) => [f.file, f.rows])).toEqual([
      ['payers.csv', 2],
      ['prescribers.csv', 2],
      ['patients.csv', 1],
      ['loans.csv', 0],
    ]);
    expect(read.lines.payers).toEqual([2, 5]);
    expect(read.parsed.rows.payers.map((p) => p.row)).toEqual([
      { code: '2990', name: 'Vårdcentralen\r\nNorr' },
      { code: '7100', name: 'Söder' },
    ]);
    expect(read.parsed.rows.prescribers.map((p) => p.row.payerCodes)).toEqual([['2990', '7100']]);
    const report = sortFileProblems([
      ...read.fileProblems,
      ...placeRowProblems(read.parsed.problems, read),
    ]).map(reportLine);
    expect(report).toEqual([
      'stuff.csv: Okänd fil. Filerna heter payers.csv, delivery-addresses.csv, prescribers.csv, patients.csv, articles.csv, units.csv och loans.csv.',
      'payers.csv, rad 1, colour: Okänd kolumn. Kolumnernas namn står i docs/integration.md och skrivs exakt så.',
      'prescribers.csv, rad 2, active: Ska vara true eller false.',
      'prescribers.csv, rad 3, payerCodes (nr 2): Koden ska vara 1–32 tecken, utan mellanslag.',
      'patients.csv, rad 1, name: Kolumnen saknas i rubrikraden men måste finnas.',
      'loans.csv, rad 2: Raden har inte lika många fält som rubrikraden.',
    ]);
  });

  it('reads a file with a syntax error up to it, and says where', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'bmb-import-broken-'));
    try {
      await writeFile(
        join(broken, 'payers.csv'),
        'code,name\n2990,Norr\n7100,"Söder\n7200,Väster\n',
      );
      const read = await readFolder(broken);
      expect(read.parsed.rows.payers.map((p) => p.row.code)).toEqual(['2990']);
      expect(read.fileProblems.map(reportLine)).toEqual([
        'payers.csv, rad 3: Raden är inte giltig CSV (till exempel ett citattecken som inte avslutas). Resten av filen är inte läst.',
      ]);
      await writeFile(join(broken, 'payers.csv'), '');
      expect((await readFolder(broken)).fileProblems.map(reportLine)).toEqual([
        'payers.csv: Filen är tom: den första raden ska vara en rubrikrad med kolumnernas namn.',
      ]);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});

describe('the command line', () => {
  it('takes one folder, --dry-run and --report, and refuses anything else', () => {
    // pnpm passes on the `--` of the root script.
    expect(parseImportArgs(['--', 'data', '--dry-run'])).toEqual({
      ok: true,
      help: false,
      folder: 'data',
      dryRun: true,
      report: null,
    });
    expect(parseImportArgs(['--report', 'r.txt', 'data'])).toMatchObject({
      ok: true,
      folder: 'data',
      dryRun: false,
      report: 'r.txt',
    });
    expect(parseImportArgs(['--help'])).toEqual({ ok: true, help: true });
    expect(parseImportArgs([])).toEqual({ ok: false, message: 'Name the folder.' });
    expect(parseImportArgs(['a', 'b'])).toEqual({
      ok: false,
      message: 'One folder only, not "a" and "b".',
    });
    expect(parseImportArgs(['data', '--dryrun'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--dryrun'),
    });
    expect(parseImportArgs(['data', '--report'])).toMatchObject({ ok: false });
    expect(parseImportArgs(['data', '--report', '--dry-run'])).toMatchObject({ ok: false });
    expect(parseImportArgs(['data', '--dry-run=yes'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['--', 'out'])).toEqual({ ok: true, help: false, folder: 'out' });
    expect(parseExportArgs(['out', '--dry-run'])).toMatchObject({ ok: false });
  });

  it('resolves a relative folder against where pnpm was run', () => {
    expect(
      readImportEnv({ BMB_CALLER_CWD: '/home/lena/data', INIT_CWD: '/repo' }).resolvePath(
        './region',
      ),
    ).toBe('/home/lena/data/region');
    expect(readImportEnv({ INIT_CWD: '/repo/apps' }).resolvePath('region')).toBe(
      '/repo/apps/region',
    );
    expect(readImportEnv({ INIT_CWD: '/repo' }).resolvePath('/abs/region')).toBe('/abs/region');
  });
});
