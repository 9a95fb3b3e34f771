import { describe, expect, it } from 'vitest';
import { checkAnswerChoice } from './bmb-answer-rules';

const base = {
  approved: true,
  deliveryAddressId: 'a1',
  payerId: 'p1',
  allowedDeliveryAddressIds: ['a1', 'a2'],
  allowedPayerIds: ['p1'],
};

describe('checkAnswerChoice', () => {
  it("accepts the receiver's own address and payer", () => {
    expect(checkAnswerChoice(base)).toEqual({ ok: true });
  });
  it("refuses someone else's address or payer on a Ja", () => {
    expect(checkAnswerChoice({ ...base, deliveryAddressId: 'x', payerId: 'y' })).toEqual({
      ok: false,
      fieldErrors: { deliveryAddressId: ['answer.not-your-address'], payerId: ['answer.not-your-payer'] },
    });
  });
  it('does not care about the choice on a Nej, which moves nothing', () => {
    expect(checkAnswerChoice({ ...base, approved: false, payerId: 'y' })).toEqual({ ok: true });
  });
});
