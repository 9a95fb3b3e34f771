import { describe, expect, it } from 'vitest';
import { messageText, problemCode } from '../messages/catalogue';
import {
  checkMasterdataBatch,
  MASTERDATA_MAX_BYTES,
  MASTERDATA_MAX_ROWS,
  masterdataBatchSchema,
  masterdataLookup,
  masterdataRowCount,
  parseMasterdataBatch,
  sortMasterdataProblems,
  type KnownMasterdata,
} from './masterdata';

const nothingKnown: KnownMasterdata = {
  payerCodes: new Set(),
  deliveryAddressCodes: new Set(),
  usernames: new Set(),
  personnummer: new Set(),
  articleNos: new Set(),
  units: new Map(),
  activeLoanOfUnit: new Map(),
};

/** A batch that is right in every row: each test spoils a copy of it. */
const good = () => ({
  payers: [{ code: '2990', name: 'Länsservice Hjälpmedelskonsulenterna prod. ansvar' }],
  deliveryAddresses: [{ code: '2990', name: 'Länsservice, Luleå' }],
  prescribers: [
    {
      username: ' K900Test ',
      name: 'Test Testsson',
      phone: '0920-111 11',
      email: 'test@region.example',
      active: true,
      payerCodes: ['2990'],
      deliveryAddressCodes: ['2990'],
      defaultPayerCode: '2990',
    },
  ],
  patients: [{ personnummer: '19121212-1212', name: 'Svensson, Testare' }],
  articles: [{ articleNo: '10156', name: 'Sittdyna Roho', kind: 'H', priceOre: 17484 }],
  units: [{ individNo: '170098', articleNo: '10156' }],
  loans: [
    {
      sourceId: 'L-1',
      personnummer: '191212121212',
      articleNo: '10156',
      individNo: '170098',
      quantity: 1,
      orderedOn: '2015-11-02',
      deliveredOn: '2015-11-04',
      prescriber: 'k900test',
      payer: '2990',
      deliveryAddress: '2990',
      status: 'active',
      version: 1,
    },
  ],
});

type Batch = ReturnType<typeof good>;

/** Every problem of a body, as `list[index].field code`, in batch order. */
function problemsOf(body: unknown, known: KnownMasterdata = nothingKnown): string[] {
  const parsed = parseMasterdataBatch(body);
  const problems = sortMasterdataProblems([
    ...parsed.problems,
    ...checkMasterdataBatch(parsed, known),
  ]);
  return problems.map((p) => `${p.entity}[${p.index}].${p.field} ${problemCode(p.problem)}`);
}

function spoil(change: (batch: Batch) => void): Batch {
  const batch = good();
  change(batch);
  return batch;
}

describe('the masterdata batch', () => {
  it('has named limits: 10 000 rows and 10 MB', () => {
    expect(MASTERDATA_MAX_ROWS).toBe(10_000);
    expect(MASTERDATA_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(messageText('masterdata.too-many-rows')).toMatch(/10\s000 rader/);
    expect(messageText('masterdata.too-large')).toContain('10 MB');
  });

  it('counts the rows of every list, before anything is parsed', () => {
    expect(masterdataRowCount(good())).toBe(7);
    expect(masterdataRowCount({ loans: new Array(MASTERDATA_MAX_ROWS + 1).fill(null) })).toBe(
      MASTERDATA_MAX_ROWS + 1,
    );
    expect(masterdataRowCount({ loans: 'many', other: [1, 2] })).toBe(0);
    expect(masterdataRowCount(null)).toBe(0);
    expect(masterdataRowCount([1, 2, 3])).toBe(0);
  });

  it('accepts a good batch, normalising personnummer, usernames and whitespace; every list may be left out', () => {
    expect(problemsOf(good())).toEqual([]);
    const parsed = masterdataBatchSchema.parse(good());
    expect(parsed.patients[0]!.personnummer).toBe('191212121212');
    expect(parsed.prescribers[0]!.username).toBe('k900test');
    expect(masterdataBatchSchema.parse({})).toEqual({
      payers: [],
      deliveryAddresses: [],
      prescribers: [],
      patients: [],
      articles: [],
      units: [],
      loans: [],
    });
    expect(problemsOf({})).toEqual([]);
    // Lists alone are enough: the references are in BMB already.
    const known: KnownMasterdata = {
      ...nothingKnown,
      payerCodes: new Set(['2990']),
      deliveryAddressCodes: new Set(['2990']),
      usernames: new Set(['k900test']),
      personnummer: new Set(['191212121212']),
      articleNos: new Set(['10156']),
      units: new Map([['170098', '10156']]),
    };
    expect(problemsOf({ loans: good().loans }, known)).toEqual([]);
  });

  it('describes itself for the API description (zod meta)', () => {
    expect(masterdataBatchSchema.meta()).toMatchObject({ id: 'MasterdataBatch' });
  });

  it('refuses a body that is no batch, an unknown list, and a list that is no list', () => {
    expect(problemsOf([])).toEqual(['batch[-1]. masterdata.batch-not-an-object']);
    expect(problemsOf('x')).toEqual(['batch[-1]. masterdata.batch-not-an-object']);
    expect(problemsOf({ loan: [], loans: {} })).toEqual([
      'batch[-1].loan masterdata.unknown-field',
      'loans[-1]. masterdata.not-a-list',
    ]);
    expect(problemsOf({ payers: [null, 'x', { code: '1', name: 'A' }] })).toEqual([
      'payers[0]. masterdata.not-an-object',
      'payers[1]. masterdata.not-an-object',
    ]);
  });

  it('names every bad field of every row, each with its code and a Swedish sentence', () => {
    const batch = spoil((b) => {
      b.payers.push({ code: 'två ord', name: '' });
      Object.assign(b.payers[0]!, { extra: 1 });
      b.deliveryAddresses.push({ code: 'x'.repeat(33), name: 'y'.repeat(201) });
      b.prescribers.push({
        username: 'ö ö',
        name: 'N',
        phone: 'ring mig',
        email: 'nope',
        active: 'yes' as never,
        payerCodes: ['2990'],
        deliveryAddressCodes: ['2990'],
        defaultPayerCode: '2990',
      });
      b.patients.push(
        { personnummer: '1212121212', name: 'Tio, Siffror' },
        { personnummer: '191212121213', name: 'Fel, Kontroll' },
      );
      b.articles.push(
        { articleNo: '', name: 'Utan nummer', kind: 'X', priceOre: -1 },
        { articleNo: 'A 1', name: 'B', kind: 'T', priceOre: 1.5 },
      );
      b.units.push({ individNo: 'ÅÄÖ', articleNo: '10156' });
      b.loans.push({
        ...good().loans[0]!,
        sourceId: ' ',
        quantity: 0,
        orderedOn: '2015-02-30',
        deliveredOn: '15-11-04',
        status: 'lost',
        version: 0,
        individNo: null as never,
      });
      const { version: _version, ...noVersion } = good().loans[0]!;
      b.loans.push({
        ...noVersion,
        sourceId: 'L-3',
        individNo: null as never,
        orderedOn: '2020-01-02',
        deliveredOn: '2020-01-01',
      } as never);
    });
    const problems = problemsOf(batch);
    expect(problems).toEqual([
      'payers[0].extra masterdata.unknown-field',
      'payers[1].code masterdata.code-invalid',
      'payers[1].name masterdata.name-invalid',
      'deliveryAddresses[1].code masterdata.code-invalid',
      'deliveryAddresses[1].name masterdata.name-invalid',
      'prescribers[1].username masterdata.username-invalid',
      'prescribers[1].phone contact.number-characters',
      'prescribers[1].email contact.email-invalid',
      'prescribers[1].active masterdata.invalid-type',
      'patients[1].personnummer personnummer.only-ten-digits',
      'patients[2].personnummer personnummer.wrong-check-digit',
      'articles[1].articleNo masterdata.article-no-invalid',
      'articles[1].kind masterdata.kind-invalid',
      'articles[1].priceOre masterdata.price-invalid',
      'articles[2].articleNo masterdata.article-no-invalid',
      'articles[2].priceOre masterdata.price-invalid',
      'units[1].individNo masterdata.individ-no-invalid',
      'loans[1].sourceId masterdata.source-id-invalid',
      'loans[1].quantity masterdata.quantity-invalid',
      'loans[1].orderedOn masterdata.date-invalid',
      'loans[1].deliveredOn masterdata.date-invalid',
      'loans[1].status masterdata.status-invalid',
      'loans[1].version masterdata.version-invalid',
      'loans[2].version masterdata.field-required',
    ]);
    expect(
      problemsOf(
        spoil((b) =>
          Object.assign(b.loans[0]!, { orderedOn: '2020-01-02', deliveredOn: '2020-01-01' }),
        ),
      ),
    ).toEqual(['loans[0].deliveredOn masterdata.delivered-before-ordered']);
    const parsed = parseMasterdataBatch(batch);
    for (const p of parsed.problems) expect(messageText(p.problem)).toMatch(/^[A-ZÅÄÖ].*[.!?]$/);
  });

  it('finds keys twice in a list, after normalising them', () => {
    const problems = problemsOf(
      spoil((b) => {
        b.payers.push({ code: ' 2990 ', name: 'Igen' });
        b.prescribers.push({ ...good().prescribers[0]!, username: 'K900TEST' });
        b.patients.push({ personnummer: '191212121212', name: 'Samma, Person' });
        b.articles.push({ ...good().articles[0]! });
        b.units.push({ individNo: '170098', articleNo: '10156' });
        b.loans.push({ ...good().loans[0]!, individNo: null as never });
      }),
    );
    expect(problems).toEqual([
      'payers[0].code masterdata.duplicate-key',
      'payers[1].code masterdata.duplicate-key',
      'prescribers[0].username masterdata.duplicate-key',
      'prescribers[1].username masterdata.duplicate-key',
      'patients[0].personnummer masterdata.duplicate-key',
      'patients[1].personnummer masterdata.duplicate-key',
      'articles[0].articleNo masterdata.duplicate-key',
      'articles[1].articleNo masterdata.duplicate-key',
      'units[0].individNo masterdata.duplicate-key',
      'units[1].individNo masterdata.duplicate-key',
      'loans[0].sourceId masterdata.duplicate-key',
      'loans[1].sourceId masterdata.duplicate-key',
    ]);
  });

  it('finds every reference to something neither in the batch nor in BMB', () => {
    const problems = problemsOf(
      spoil((b) => {
        b.prescribers[0]!.payerCodes = ['2990', '9999'];
        b.prescribers[0]!.deliveryAddressCodes = ['8888'];
        b.units.push({ individNo: '200001', articleNo: '77777' });
        b.loans.push({
          ...good().loans[0]!,
          sourceId: 'L-2',
          personnummer: '194003179829',
          articleNo: '66666',
          individNo: '999999',
          prescriber: 'k000nobody',
          payer: '1111',
          deliveryAddress: '2222',
        });
      }),
    );
    expect(problems).toEqual([
      'prescribers[0].payerCodes.1 masterdata.unknown-payer',
      'prescribers[0].deliveryAddressCodes.0 masterdata.unknown-delivery-address',
      'units[1].articleNo masterdata.unknown-article',
      'loans[1].personnummer masterdata.unknown-patient',
      'loans[1].prescriber masterdata.unknown-prescriber',
      'loans[1].payer masterdata.unknown-payer',
      'loans[1].deliveryAddress masterdata.unknown-delivery-address',
      'loans[1].articleNo masterdata.unknown-article',
      'loans[1].individNo masterdata.unknown-individ',
    ]);
  });

  it('does not call a row with a bad name "unknown": its key is still in the batch', () => {
    const problems = problemsOf(spoil((b) => (b.patients[0]!.name = '')));
    expect(problems).toEqual(['patients[0].name masterdata.name-invalid']);
  });

  it('keeps an individ on its article, in one active loan, with quantity 1', () => {
    const known: KnownMasterdata = {
      ...nothingKnown,
      articleNos: new Set(['15014']),
      units: new Map([
        ['157792', '15014'],
        ['170098', '15014'],
      ]),
      activeLoanOfUnit: new Map<string, string | null>([
        ['157792', null],
        ['170098', 'L-1'],
      ]),
    };
    const problems = problemsOf(
      spoil((b) => {
        b.loans[0]!.quantity = 2;
        // 157792 is held by a loan BMB made itself; 170098 by L-1, which this batch keeps.
        b.loans.push({
          ...good().loans[0]!,
          sourceId: 'L-2',
          individNo: '157792',
          articleNo: '15014',
        });
        b.loans.push({ ...good().loans[0]!, sourceId: 'L-3' });
      }),
      known,
    );
    expect(problems).toEqual([
      'units[0].articleNo masterdata.unit-article-changed',
      'loans[0].quantity masterdata.individ-needs-quantity-1',
      'loans[0].individNo masterdata.unit-of-other-article',
      'loans[0].individNo masterdata.individ-already-active',
      'loans[1].individNo masterdata.individ-already-active',
      'loans[2].individNo masterdata.unit-of-other-article',
      'loans[2].individNo masterdata.individ-already-active',
    ]);
  });

  it('lets an individ pass to a new loan when the batch returns the one holding it', () => {
    const known: KnownMasterdata = {
      ...nothingKnown,
      units: new Map([['170098', '10156']]),
      activeLoanOfUnit: new Map([['170098', 'L-0']]),
    };
    const batch = spoil((b) =>
      b.loans.push({ ...good().loans[0]!, sourceId: 'L-0', status: 'returned', version: 2 }),
    );
    expect(problemsOf(batch, known)).toEqual([]);
    expect(problemsOf(good(), known)).toEqual([
      'loans[0].individNo masterdata.individ-already-active',
    ]);
  });

  it('wants a default among the listed codes; without one, any list will do', () => {
    expect(
      problemsOf(
        spoil((b) => {
          b.prescribers[0]!.defaultPayerCode = '4110';
          Object.assign(b.prescribers[0]!, {
            deliveryAddressCodes: undefined,
            defaultDeliveryAddressCode: '2990',
          });
        }),
      ),
    ).toEqual([
      'prescribers[0].defaultPayerCode masterdata.default-not-listed',
      'prescribers[0].defaultDeliveryAddressCode masterdata.default-not-listed',
    ]);
    expect(
      problemsOf(
        spoil((b) => delete (b.prescribers[0] as { defaultPayerCode?: string }).defaultPayerCode),
      ),
    ).toEqual([]);
  });

  it('looks up in BMB only what the batch refers to', () => {
    const lookup = masterdataLookup(parseMasterdataBatch(good()));
    expect(lookup).toEqual({
      payerCodes: ['2990'],
      deliveryAddressCodes: ['2990'],
      usernames: ['k900test'],
      personnummer: ['191212121212'],
      articleNos: ['10156'],
      individNos: ['170098'],
    });
  });
});
