import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmbDeadline, daysLeftBeforeLock, isPastDeadline, swedishDate } from './bmb-deadline';

const HOUR = 3_600_000;
const SECOND = 1_000;
const WEEK = 7 * 24 * HOUR;

describe('bmbDeadline', () => {
  it('is exactly seven days later when no clock change lies between', () => {
    const sent = new Date('2026-01-10T09:30:00Z');
    expect(bmbDeadline(sent).toISOString()).toBe('2026-01-17T09:30:00.000Z');
  });

  it('keeps Swedish wall-clock time across the spring change (one hour shorter)', () => {
    // Sweden goes to summer time on 2026-03-29. Sent Wednesday 10:00 CET.
    const sent = new Date('2026-03-25T09:00:00Z');
    const deadline = bmbDeadline(sent);
    expect(deadline.toISOString()).toBe('2026-04-01T08:00:00.000Z'); // 10:00 CEST
    expect(deadline.getTime() - sent.getTime()).toBe(WEEK - HOUR);
  });

  it('keeps Swedish wall-clock time across the autumn change (one hour longer)', () => {
    // Sweden goes back to winter time on 2026-10-25. Sent 10:00 CEST.
    const sent = new Date('2026-10-21T08:00:00Z');
    const deadline = bmbDeadline(sent);
    expect(deadline.toISOString()).toBe('2026-10-28T09:00:00.000Z'); // 10:00 CET
    expect(deadline.getTime() - sent.getTime()).toBe(WEEK + HOUR);
  });

  it('is always seven days give or take the one-hour clock change', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }),
        (sent) => {
          const span = bmbDeadline(sent).getTime() - sent.getTime();
          expect([WEEK - HOUR, WEEK, WEEK + HOUR]).toContain(span);
        },
      ),
    );
  });
});

describe('isPastDeadline', () => {
  const sent = new Date('2026-03-25T09:00:00Z');
  const deadline = bmbDeadline(sent);

  it('is answerable one second before the deadline and locked one second after', () => {
    expect(isPastDeadline(sent, new Date(deadline.getTime() - SECOND))).toBe(false);
    expect(isPastDeadline(sent, deadline)).toBe(true);
    expect(isPastDeadline(sent, new Date(deadline.getTime() + SECOND))).toBe(true);
  });
});

describe('daysLeftBeforeLock', () => {
  const sent = new Date('2026-01-10T09:30:00Z');
  it('counts down from 7 to 0 in Swedish calendar days', () => {
    expect(daysLeftBeforeLock(sent, sent)).toBe(7);
    expect(daysLeftBeforeLock(sent, new Date('2026-01-16T22:59:59Z'))).toBe(1); // 23:59 in Stockholm
    expect(daysLeftBeforeLock(sent, new Date('2026-01-16T23:00:00Z'))).toBe(0); // midnight
    expect(daysLeftBeforeLock(sent, new Date('2026-02-01T00:00:00Z'))).toBe(0);
  });
});

describe('swedishDate', () => {
  it('uses the Swedish calendar day, not UTC', () => {
    expect(swedishDate(new Date('2015-12-14T23:30:00Z'))).toBe('2015-12-15');
    expect(swedishDate(new Date('2015-12-15T10:00:00Z'))).toBe('2015-12-15');
  });
});
