import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmbDeadline, daysLeftBeforeLock, isPastDeadline, swedishDate, swedishTime } from './bmb-deadline';

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

  it('is the Swedish calendar days from now to the deadline, for any instants, across clock changes', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.integer({ min: -2 * WEEK, max: 3 * WEEK }), (sentAt, later) => {
        const now = new Date(sentAt.getTime() + later);
        const calendarDays = differenceInCalendarDays(
          new TZDate(bmbDeadline(sentAt), 'Europe/Stockholm'),
          new TZDate(now, 'Europe/Stockholm'),
        );
        expect(daysLeftBeforeLock(sentAt, now)).toBe(Math.max(0, calendarDays));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('swedishDate', () => {
  it('uses the Swedish calendar day, not UTC', () => {
    expect(swedishDate(new Date('2015-12-14T23:30:00Z'))).toBe('2015-12-15');
    expect(swedishDate(new Date('2015-12-15T10:00:00Z'))).toBe('2015-12-15');
  });

  it('is the Stockholm wall-clock date of any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const d = new TZDate(instant, 'Europe/Stockholm');
        const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        expect(swedishDate(instant)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('swedishTime', () => {
  it('is the Stockholm wall-clock time, 24-hour, with or without seconds', () => {
    expect(swedishTime(new Date('2026-01-10T23:05:09Z'))).toBe('00:05');
    expect(swedishTime(new Date('2026-07-10T11:05:09Z'), { seconds: true })).toBe('13:05:09');
  });

  it('agrees with the Swedish locale for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        expect(swedishTime(instant, { seconds: true })).toBe(instant.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' }));
      }),
      { numRuns: 1000 },
    );
  });
});
