import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maySeeBmb } from './may';

const statuses = ['draft', 'sent', 'accepted', 'rejected', 'unlocked', 'discarded'] as const;

describe('maySeeBmb', () => {
  it('a draft: the sender only, not the receiver it names, not Länsservice', () => {
    const draft = { senderId: 's', receiverId: 'r', status: 'draft' };
    expect(maySeeBmb({ prescriberId: 's', role: 'prescriber' }, draft)).toBe(true);
    expect(maySeeBmb({ prescriberId: 'r', role: 'prescriber' }, draft)).toBe(false);
    expect(maySeeBmb({ prescriberId: 'a', role: 'admin' }, draft)).toBe(false);
  });

  it('once sent: the two parties and Länsservice, nobody else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses.filter((s) => s !== 'draft')),
        fc.string(),
        fc.boolean(),
        (status, who, admin) => {
          const bmb = { senderId: 's', receiverId: 'r', status };
          const expected = who === 's' || who === 'r' || admin;
          return (
            maySeeBmb({ prescriberId: who, role: admin ? 'admin' : 'prescriber' }, bmb) === expected
          );
        },
      ),
    );
  });
});
