import { describe, expect, it } from 'vitest';
import { canSeeIndividCard, individHistory, type HistoryBmb } from './individ-history';

const loan = {
  patientName: 'Svensson, Testare',
  orderedOn: '2015-11-02',
  deliveredOn: '2015-11-04',
  returnedOn: null,
};
const bmb = (overrides: Partial<HistoryBmb>): HistoryBmb => ({
  status: 'sent',
  senderUsername: 'k100ana',
  receiverUsername: 'k200bo',
  fromPatientName: 'Svensson, Testare',
  toPatientName: 'Svensson, Testare',
  message: '',
  sentAt: null,
  answeredAt: null,
  answerMessage: null,
  chosenPayerCode: null,
  unlockedAt: null,
  unlockedByUsername: null,
  unlockReason: null,
  requests: [],
  ...overrides,
});
const now = new Date('2026-11-25T12:00:00Z');

describe('individHistory', () => {
  it('puts loans, BMBs, locks, requests and unlocks in the order they happened', () => {
    const events = individHistory(
      [loan],
      [
        bmb({
          status: 'accepted',
          sentAt: new Date('2026-10-01T08:00:00Z'),
          answeredAt: new Date('2026-10-02T08:00:00Z'),
          chosenPayerCode: '5210',
          receiverUsername: 'k200bo',
        }),
        bmb({
          status: 'unlocked',
          senderUsername: 'k200bo',
          receiverUsername: 'k400eva',
          sentAt: new Date('2026-10-10T08:00:00Z'),
          unlockedAt: new Date('2026-10-20T08:00:00Z'),
          unlockedByUsername: 'admin',
          unlockReason: 'Semester',
          requests: [
            {
              createdAt: new Date('2026-10-18T08:00:00Z'),
              requestedByUsername: 'k200bo',
              message: 'Hjälp',
              status: 'unlocked',
              answeredAt: new Date('2026-10-20T08:00:00Z'),
              answeredByUsername: 'admin',
              answerMessage: 'Semester',
            },
          ],
        }),
        bmb({ status: 'draft' }),
      ],
      now,
    );
    expect(events.map((e) => e.what.split(':')[0])).toEqual([
      'Beställd till Svensson, Testare',
      'Levererad till Svensson, Testare',
      'BMB skickad till k200bo (Svensson, Testare)',
      'BMB godkänd',
      'BMB skickad till k400eva (Svensson, Testare)',
      'BMB låst',
      'Upplåsning begärd',
      'BMB upplåst',
    ]);
    expect(events.map((e) => e.at.getTime())).toEqual([...events.map((e) => e.at.getTime())].sort((a, b) => a - b));
  });

  it('shows a BMB still waiting without a lock, and one past its deadline as locked', () => {
    const waiting = individHistory([], [bmb({ sentAt: new Date('2026-11-24T08:00:00Z') })], now);
    expect(waiting.map((e) => e.what)).toEqual(['BMB skickad till k200bo (Svensson, Testare)']);
    const locked = individHistory([], [bmb({ sentAt: new Date('2026-11-01T08:00:00Z') })], now);
    expect(locked.at(-1)?.what).toMatch(/låst/);
  });
});

describe('canSeeIndividCard', () => {
  it('lets admins see every card and prescribers only devices they hold or held', () => {
    expect(canSeeIndividCard({ prescriberId: 'x', role: 'admin' }, [])).toBe(true);
    expect(canSeeIndividCard({ prescriberId: 'ana', role: 'prescriber' }, ['bo', 'ana'])).toBe(true);
    expect(canSeeIndividCard({ prescriberId: 'eva', role: 'prescriber' }, ['bo', 'ana'])).toBe(false);
  });
});
