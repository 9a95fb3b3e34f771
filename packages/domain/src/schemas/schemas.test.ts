import { messageText, type MessageCode } from '../messages/catalogue';
import { describe, expect, it } from 'vitest';
import { bmbAnswerSchema, bmbDraftSchema } from './bmb-forms';
import { contactDetailsSchema } from './contact-details';
import { patientSearchSchema } from './patient-search';

const uuid = '7d9f0c5e-2c1a-4b8e-9a57-3f2a1b0c9d8e';

describe('patientSearchSchema', () => {
  it('normalises a valid personnummer and explains an invalid one in Swedish', () => {
    expect(patientSearchSchema.parse({ personnummer: '19121212-1212' })).toEqual({
      personnummer: '191212121212',
    });
    const result = patientSearchSchema.safeParse({ personnummer: '1212121212' });
    expect(result.success).toBe(false);
    expect(messageText(result.error!.issues[0]!.message as MessageCode)).toContain('alla 12 siffror');
  });
});

describe('bmbDraftSchema', () => {
  const base = {
    fromPatientId: uuid,
    newPrescriberUsername: ' K200BO ',
    newPatientPersonnummer: '191212121212',
    loanIds: [uuid],
  };
  it('lower-cases the username and defaults the message', () => {
    expect(bmbDraftSchema.parse(base)).toMatchObject({ newPrescriberUsername: 'k200bo', message: '' });
  });
  it('says an empty username once', () => {
    const result = bmbDraftSchema.safeParse({ ...base, newPrescriberUsername: '  ' });
    const messages = result.error!.issues.filter((i) => i.path[0] === 'newPrescriberUsername').map((i) => i.message);
    expect(messages).toEqual(['draft.username-required']);
  });
  it('requires at least one row', () => {
    const result = bmbDraftSchema.safeParse({ ...base, loanIds: [] });
    expect(messageText(result.error!.issues[0]!.message as MessageCode)).toBe('Markera minst ett hjälpmedel.');
  });
});

describe('bmbAnswerSchema', () => {
  const base = { bmbId: uuid, deliveryAddressId: uuid, payerId: uuid };
  it('requires a message when the answer is Nej', () => {
    expect(bmbAnswerSchema.safeParse({ ...base, approved: 'nej' }).success).toBe(false);
    expect(bmbAnswerSchema.safeParse({ ...base, approved: 'nej', message: 'Fel enhet' }).success).toBe(true);
    expect(bmbAnswerSchema.safeParse({ ...base, approved: 'ja' }).success).toBe(true);
  });
  it('asks the receiver to choose the address and the payer, each in its own words', () => {
    const result = bmbAnswerSchema.safeParse({ ...base, approved: 'ja', deliveryAddressId: '', payerId: '' });
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toEqual({ deliveryAddressId: 'answer.choose-address', payerId: 'answer.choose-payer' });
  });
});

describe('contactDetailsSchema', () => {
  it('accepts empty fields and refuses a bad e-mail', () => {
    expect(contactDetailsSchema.safeParse({ phone: '', mobile: '', fax: '', email: '', remindersEnabled: true }).success).toBe(true);
    expect(
      contactDetailsSchema.safeParse({ phone: '0921-66634', mobile: '', fax: '', email: 'nope', remindersEnabled: false }).success,
    ).toBe(false);
  });
});
