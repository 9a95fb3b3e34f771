import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmbDeadline } from './bmb-deadline';
import { checkDraft, draftMessages, loanSelectability, type DraftFacts, type LoanForBmb } from './bmb-draft-rules';

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
      message: expect.stringContaining('k200bo'),
    });
  });

  it('refuses a loan waiting in a sent BMB, and a locked one with "kontakta Länsservice"', () => {
    const sentAt = new Date(now.getTime() - 3600_000);
    expect(loanSelectability(loan('l1', { openBmbSentAt: sentAt }), ana, now)).toMatchObject({ reason: 'waiting' });
    const late = new Date(bmbDeadline(sentAt).getTime() + 1000);
    const locked = loanSelectability(loan('l1', { openBmbSentAt: sentAt }), ana, late);
    expect(locked).toMatchObject({ reason: 'locked', message: expect.stringContaining('Kontakta Länsservice') });
  });
});

describe('checkDraft', () => {
  it('accepts a plain BMB to another prescriber', () => {
    expect(checkDraft(facts())).toEqual({ ok: true, patientToPatient: false });
  });

  it('refuses an unknown or inactive receiver and an unknown patient', () => {
    expect(checkDraft(facts({ receiver: null }))).toMatchObject({
      ok: false,
      fieldErrors: { newPrescriberUsername: [draftMessages.unknownReceiver] },
    });
    expect(checkDraft(facts({ receiver: { id: bo, active: false } }))).toMatchObject({
      fieldErrors: { newPrescriberUsername: [draftMessages.inactiveReceiver] },
    });
    expect(checkDraft(facts({ toPatientId: null }))).toMatchObject({
      fieldErrors: { newPatientPersonnummer: [draftMessages.unknownPatient] },
    });
  });

  it('refuses a BMB that changes nothing', () => {
    expect(checkDraft(facts({ receiver: { id: ana, active: true } }))).toMatchObject({
      fieldErrors: { newPrescriberUsername: [draftMessages.nothingChanges] },
    });
  });

  it('refuses no rows and rows of another patient', () => {
    expect(checkDraft(facts({ requestedLoanIds: [] }))).toMatchObject({ fieldErrors: { loanIds: [draftMessages.noRows] } });
    expect(checkDraft(facts({ requestedLoanIds: ['someone-elses'] }))).toMatchObject({
      fieldErrors: { loanIds: [draftMessages.notThisPatient] },
    });
  });

  it('requires both confirmations for patient to patient, to the same or another prescriber', () => {
    for (const receiver of [{ id: ana, active: true }, { id: bo, active: true }]) {
      expect(checkDraft(facts({ receiver, toPatientId: other }))).toMatchObject({
        fieldErrors: { confirmations: [draftMessages.confirmationsMissing] },
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
