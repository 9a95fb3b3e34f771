import { describe, expect, it } from 'vitest';
import { bmbHoldsItsLoans, maySendAgain, notChosenText } from './bmb-outcome';
import { bmbStatuses } from './bmb-status';

describe('a BMB’s outcome (issue 19, items 2 and 5)', () => {
  it('says why no address or payer was chosen, for every state but accepted', () => {
    expect(notChosenText('rejected')).toBe('Inte vald (BMB:n besvarades Nej)');
    expect(notChosenText('waiting')).toBe('Väljs av mottagaren');
    expect(notChosenText('draft')).toBe('Väljs av mottagaren');
    for (const state of ['locked', 'unlocked', 'discarded'] as const)
      expect(notChosenText(state)).toMatch(/^Inte vald/);
  });

  it('holds its loans only while open', () => {
    expect(['draft', 'waiting', 'locked'].every((s) => bmbHoldsItsLoans(s as 'draft'))).toBe(true);
    expect(
      ['accepted', 'rejected', 'unlocked', 'discarded'].some((s) =>
        bmbHoldsItsLoans(s as 'accepted'),
      ),
    ).toBe(false);
  });

  it('can be sent again by its sender only, once answered Nej or unlocked', () => {
    for (const status of bmbStatuses) {
      const bmb = { senderId: 's', status };
      const expected = status === 'rejected' || status === 'unlocked';
      expect(maySendAgain({ prescriberId: 's' }, bmb), status).toBe(expected);
      expect(maySendAgain({ prescriberId: 'r' }, bmb), status).toBe(false);
    }
  });
});
