import { describe, expect, it } from 'vitest';
import { endOfSwedishDay, startOfSwedishDay } from './swedish-calendar';

describe('Swedish calendar days', () => {
  it('start at midnight Swedish time, summer or winter', () => {
    expect(startOfSwedishDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfSwedishDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });
  it('end where the next day starts, also on the day the clocks change (23 hours long)', () => {
    expect(endOfSwedishDay('2026-03-29').getTime() - startOfSwedishDay('2026-03-29').getTime()).toBe(23 * 3600_000);
  });
});
