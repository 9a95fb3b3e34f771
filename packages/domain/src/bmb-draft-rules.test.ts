import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmbDeadline } from './bmb-deadline';
import { checkDraft, loanSelectability, type DraftFacts, type LoanForBmb } from './bmb-draft-rules';

const ana = 'ana';
const bo = 'bo';
const svensson = 'p-svensson';
const other = 'p-other';
const now = new Date('2026-11-25T10:00:00Z');

const loan = (id: string, overrides: Partial<LoanForBmb> = {}): LoanForBmb => ({
  id,
  patientId: svensson,
  prescriberId: ana,
  prescriberUsername: 'k100ana',
  openBmbSentAt: null,
  ...overrides,
});

const facts = (overrides: Partial<DraftFacts> = {}): DraftFacts => ({
  senderId: ana,
  receiver: { id: bo, active: true },
  fromPatientId: svensson,
  toPatientId: svensson,
  patientLoans: [loan('l1'), loan('l2')],
  requestedLoanIds: ['l1'],
  needsAssessmentConfirmed: false,
  deviceSafeConfirmed: false,
  now,
  ...overrides,
});

describe('loanSelectability', () => {
  it("lets the sender tick only their own loans, and says why not otherwise", () => {
    expect(loanSelectability(loan('l1'), ana, now)).toEqual({ selectable: true });
    expect(loanSelectability(loan('l1', { prescriberId: bo, prescriberUsername: 'k200bo' }), ana, now)).toMatchObject({
      selectable: false,
      reason: 'other-prescriber',
      problem: { code: 'loan.other-prescriber', params: { username: 'k200bo' } },
    });
  });

  it('refuses a loan waiting in a sent BMB, and a locked one with "kontakta Länsservice"', () => {
    const sentAt = new Date(now.getTime() - 3600_000);
    expect(loanSelectability(loan('l1', { openBmbSentAt: sentAt }), ana, now)).toMatchObject({ reason: 'waiting' });
    const late = new Date(bmbDeadline(sentAt).getTime() + 1000);
    const locked = loanSelectability(loan('l1', { openBmbSentAt: sentAt }), ana, late);
    expect(locked).toMatchObject({ reason: 'locked', problem: 'loan.locked' });
  });
});

describe('checkDraft', () => {
  it('accepts a plain BMB to another prescriber', () => {
    expect(checkDraft(facts())).toEqual({ ok: true, patientToPatient: false });
  });

  it('refuses an unknown or inactive receiver and an unknown patient', () => {
    expect(checkDraft(facts({ receiver: null }))).toMatchObject({
      ok: false,
      fieldErrors: { newPrescriberUsername: ['draft.unknown-receiver'] },
    });
    expect(checkDraft(facts({ receiver: { id: bo, active: false } }))).toMatchObject({
      fieldErrors: { newPrescriberUsername: ['draft.inactive-receiver'] },
    });
    expect(checkDraft(facts({ toPatientId: null }))).toMatchObject({
      fieldErrors: { newPatientPersonnummer: ['draft.unknown-patient'] },
    });
  });

  it('refuses a BMB that changes nothing', () => {
    expect(checkDraft(facts({ receiver: { id: ana, active: true } }))).toMatchObject({
      fieldErrors: { newPrescriberUsername: ['draft.nothing-changes'] },
    });
  });

  it('refuses no rows and rows of another patient', () => {
    expect(checkDraft(facts({ requestedLoanIds: [] }))).toMatchObject({ fieldErrors: { loanIds: ['draft.no-rows'] } });
    expect(checkDraft(facts({ requestedLoanIds: ['someone-elses'] }))).toMatchObject({
      fieldErrors: { loanIds: ['draft.not-this-patient'] },
    });
  });

  it('requires both confirmations for patient to patient, to the same or another prescriber', () => {
    for (const receiver of [{ id: ana, active: true }, { id: bo, active: true }]) {
      expect(checkDraft(facts({ receiver, toPatientId: other }))).toMatchObject({
        fieldErrors: { confirmations: ['draft.confirmations-missing'] },
      });
      expect(
        checkDraft(facts({ receiver, toPatientId: other, needsAssessmentConfirmed: true, deviceSafeConfirmed: true })),
      ).toEqual({ ok: true, patientToPatient: true });
    }
  });

  it('never accepts a row the sender may not tick', () => {
    const arbitraryLoan = fc.record({
      mine: fc.boolean(),
      openAgoHours: fc.option(fc.integer({ min: 0, max: 24 * 30 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryLoan, { minLength: 1, maxLength: 6 }), (specs) => {
        const loans = specs.map((s, i) =>
          loan(`l${i}`, {
            prescriberId: s.mine ? ana : bo,
            openBmbSentAt: s.openAgoHours === null ? null : new Date(now.getTime() - s.openAgoHours * 3600_000),
          }),
        );
        const result = checkDraft(facts({ patientLoans: loans, requestedLoanIds: loans.map((l) => l.id) }));
        const allSelectable = loans.every((l) => loanSelectability(l, ana, now).selectable);
        expect(result.ok).toBe(allSelectable);
      }),
    );
  });
});
