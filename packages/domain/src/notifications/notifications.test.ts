import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmbDeadline, daysLeftBeforeLock } from '../bmb-deadline';
import { composeNotificationMail, composeTrainingReminderMail } from './notification-mail';
import { bmbNotificationKinds } from './notification-kinds';
import { deliveryDecision, trainingReminderDecision, type DeliveryFacts } from './notification-relevance';
import { lockNoticeDueAt, reminderDueAt } from './notification-schedule';
import { REDACTED, redactPatientData } from './redact-patient-data';

const instant = fc.date({
  min: new Date('2024-01-01'),
  max: new Date('2030-12-31'),
  noInvalidDate: true,
});
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('reminderDueAt', () => {
  it('falls when exactly 2 days remain before the lock, across daylight-saving changes', () => {
    fc.assert(
      fc.property(instant, (sentAt) => {
        const due = reminderDueAt(sentAt);
        expect(daysLeftBeforeLock(sentAt, due)).toBe(2);
        expect(daysLeftBeforeLock(sentAt, new Date(due.getTime() - 1))).toBeGreaterThanOrEqual(2);
        const hours = (bmbDeadline(sentAt).getTime() - due.getTime()) / 3_600_000;
        expect([47, 48, 49]).toContain(hours);
      }),
    );
  });

  it('is five days after sending on an ordinary week, and the lock notice falls on the deadline', () => {
    const sentAt = new Date('2026-11-02T09:00:00Z');
    expect(reminderDueAt(sentAt).toISOString()).toBe('2026-11-07T09:00:00.000Z');
    expect(lockNoticeDueAt(sentAt)).toEqual(bmbDeadline(sentAt));
  });
});

describe('redactPatientData', () => {
  it('removes every personnummer-like number, with or without separator', () => {
    fc.assert(
      fc.property(
        fc.string(),
        digits(8),
        digits(4),
        fc.constantFrom('', '-', '+'),
        fc.string(),
        (a, head, tail, sep, b) => {
          const text = `${a} ${head}${sep}${tail} ${b}`;
          const out = redactPatientData(text);
          expect(out).not.toContain(`${head}${sep}${tail}`);
          expect(out).toContain(REDACTED);
        },
      ),
    );
    expect(redactPatientData('Gäller 121212-1212 och 191212121212.')).toBe(
      `Gäller ${REDACTED} och ${REDACTED}.`,
    );
  });

  it("removes the patient's names but keeps other words", () => {
    expect(redactPatientData('Testare Svensson flyttar till Kiruna', ['Svensson, Testare'])).toBe(
      `${REDACTED} ${REDACTED} flyttar till Kiruna`,
    );
    expect(redactPatientData('svenssons rullator', ['Svensson, Testare'])).toBe(
      'svenssons rullator',
    );
    expect(redactPatientData('Order 42 klar')).toBe('Order 42 klar');
  });
});

describe('deliveryDecision', () => {
  const facts = (overrides: Partial<DeliveryFacts>): DeliveryFacts => ({
    kind: 'bmb_arrived',
    bmbStatus: 'sent',
    bmbLocked: false,
    recipientEmail: 'bo@example.se',
    recipientActive: true,
    recipientWantsReminders: true,
    ...overrides,
  });

  it('sends arrival notices and reminders only while the BMB waits', () => {
    expect(deliveryDecision(facts({}))).toEqual({ send: true });
    expect(deliveryDecision(facts({ kind: 'bmb_reminder' }))).toEqual({ send: true });
    for (const bmbStatus of ['accepted', 'rejected', 'unlocked'] as const) {
      expect(deliveryDecision(facts({ kind: 'bmb_reminder', bmbStatus })).send).toBe(false);
      expect(deliveryDecision(facts({ kind: 'bmb_arrived', bmbStatus })).send).toBe(false);
    }
    expect(deliveryDecision(facts({ kind: 'bmb_reminder', bmbLocked: true })).send).toBe(false);
  });

  it('respects the reminder opt-out, but never for arrival notices', () => {
    expect(
      deliveryDecision(facts({ kind: 'bmb_reminder', recipientWantsReminders: false })),
    ).toEqual({
      send: false,
      reason: 'reminders-off',
    });
    expect(
      deliveryDecision(facts({ kind: 'bmb_arrived', recipientWantsReminders: false })),
    ).toEqual({ send: true });
  });

  it('tells the sender of a lock only if nobody answered first', () => {
    expect(deliveryDecision(facts({ kind: 'bmb_locked', bmbLocked: true }))).toEqual({
      send: true,
    });
    expect(deliveryDecision(facts({ kind: 'bmb_locked', bmbStatus: 'accepted' })).send).toBe(false);
  });

  it('sends nothing to a user without an address or without an account', () => {
    expect(deliveryDecision(facts({ recipientEmail: ' ' })).send).toBe(false);
    expect(deliveryDecision(facts({ recipientActive: false })).send).toBe(false);
  });
});

describe('composeNotificationMail', () => {
  it('never carries a personnummer or patient name, whatever the message says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bmbNotificationKinds),
        fc.boolean(),
        fc.string(),
        (kind, yes, noise) => {
          const mail = composeNotificationMail({
            kind,
            counterpartName: 'Bo Berg',
            bmbDate: '2026-11-25',
            deadline: new Date('2026-12-02T10:00:00Z'),
            approved: yes,
            unlocked: yes,
            message: `${noise} Svensson, Testare 19121212-1212 ${noise}`,
            patientNames: ['Svensson, Testare'],
            link: 'https://bmb.example.se/kvittera-bmb/0b5f6a1e-1a57-4a49-9a0c-3f4b3e8e8c11',
          });
          const all = `${mail.subject}\n${mail.text}`;
          expect(all).not.toMatch(/Svensson|Testare|1212-?1212/);
          expect(all).toContain('https://bmb.example.se/kvittera-bmb/');
        },
      ),
    );
  });

  it("names the sender and the lock time in Swedish time for the receiver's notices", () => {
    const mail = composeNotificationMail({
      kind: 'bmb_arrived',
      counterpartName: 'Anna Andersson',
      bmbDate: '2026-11-25',
      deadline: new Date('2026-12-02T10:00:00Z'),
      link: 'http://localhost:3000/kvittera-bmb/x',
    });
    expect(mail.subject).toBe('Du har fått en BMB att kvittera');
    expect(mail.text).toContain(
      'Anna Andersson har skickat en BMB (BMB-datum 2026-11-25) till dig.',
    );
    expect(mail.text).toContain('senast 2026-12-02 kl. 11:00');
  });

  it("quotes the receiver's answer to the sender", () => {
    const mail = composeNotificationMail({
      kind: 'bmb_answered',
      counterpartName: 'Bo Berg',
      bmbDate: '2026-11-25',
      deadline: new Date(),
      approved: false,
      message: 'Fel enhet, skicka till Ortopeden.',
      link: 'http://localhost:3000/skickade-bmb/x',
    });
    expect(mail.subject).toBe('Din BMB är inte godkänd');
    expect(mail.text).toContain('Fel enhet, skicka till Ortopeden.');
  });

  it('tells both parties which BMB a returned device was in, and that it went back to Länsservice', () => {
    const facts = {
      kind: 'bmb_line_closed' as const,
      bmbDate: '2026-11-25',
      deadline: new Date(),
      device: '10156 Sittdyna Roho Quadro Select hög 39,5x43, individ 170098',
      message: 'Svensson, Testare 191212121212',
      patientNames: ['Svensson, Testare'],
      link: 'http://localhost:3000/kvittera-bmb/x',
    };
    const toReceiver = composeNotificationMail({
      ...facts,
      counterpartName: 'Ana Nordin',
      toReceiver: true,
      nothingLeft: true,
    });
    expect(toReceiver.subject).toBe('Ett hjälpmedel i en BMB har återlämnats till Länsservice');
    expect(toReceiver.text).toContain(
      'Hjälpmedlet 10156 Sittdyna Roho Quadro Select hög 39,5x43, individ 170098 i BMB:n från Ana Nordin (BMB-datum 2026-11-25) har återlämnats till Länsservice och kan inte längre tas över.',
    );
    expect(toReceiver.text).toContain('Inga hjälpmedel återstår i BMB:n');
    const toSender = composeNotificationMail({
      ...facts,
      counterpartName: 'Bo Lindberg',
      toReceiver: false,
      nothingLeft: false,
    });
    expect(toSender.text).toContain(
      'i din BMB till Bo Lindberg (BMB-datum 2026-11-25) har återlämnats till Länsservice.',
    );
    expect(toSender.text).toContain(
      'Övriga hjälpmedel i BMB:n kan fortfarande kvitteras som vanligt.',
    );
    for (const mail of [toReceiver, toSender])
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Svensson|Testare|1212-?1212/);
    expect(
      deliveryDecision({
        kind: 'bmb_line_closed',
        bmbStatus: 'accepted',
        bmbLocked: false,
        recipientEmail: 'bo@example.se',
        recipientActive: true,
        recipientWantsReminders: false,
      }),
    ).toEqual({ send: true });
  });
});

describe('the reminder to train', () => {
  it('names what is left, and is not sent once the person trained, left, or has no address', () => {
    const mail = composeTrainingReminderMail({
      name: 'Nora Nyström',
      scenarios: ['Skicka BMB', 'Kvittera BMB'],
      link: 'https://bmb.example/ovningslage',
    });
    expect(mail.text).toContain('övningarna Skicka BMB och Kvittera BMB i Övningsläge');
    expect(mail.text).toContain('https://bmb.example/ovningslage');
    const facts = { recipientEmail: 'nora@region.example', recipientActive: true, trainingRequired: true, missing: ['skicka-bmb'] };
    expect(trainingReminderDecision(facts)).toEqual({ send: true });
    expect(trainingReminderDecision({ ...facts, missing: [] })).toEqual({ send: false, reason: 'already-trained' });
    expect(trainingReminderDecision({ ...facts, trainingRequired: false })).toEqual({ send: false, reason: 'already-trained' });
    expect(trainingReminderDecision({ ...facts, recipientActive: false })).toEqual({ send: false, reason: 'recipient-inactive' });
    expect(trainingReminderDecision({ ...facts, recipientEmail: ' ' })).toEqual({ send: false, reason: 'no-email-address' });
  });
});
