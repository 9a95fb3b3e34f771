import { describe, expect, it } from 'vitest';
import { personnummerMessages } from '../personnummer';
import { isMessageCode, messageCatalogue, messageText, type MessageCode } from './catalogue';

describe('the message catalogue', () => {
  it('has a Swedish sentence for every code, with its parameters filled in', () => {
    const params = {
      reasons: 'X.',
      articles: '30211',
      username: 'k200bo',
      what: 'skicka',
      scenarios: 'Skicka BMB',
      plural: '',
    };
    for (const code of Object.keys(messageCatalogue) as MessageCode[]) {
      const text = messageText({ code, params });
      expect(text.length, code).toBeGreaterThan(5);
      expect(text, code).not.toMatch(/undefined|\$\{/);
      expect(text, code).toMatch(/[.!?]$/);
    }
  });

  it('says what a parameterised problem names', () => {
    expect(
      messageText({ code: 'loan.other-prescriber', params: { username: 'k200bo' } }),
    ).toContain('k200bo');
    expect(
      messageText({
        code: 'training.required',
        params: { what: 'kvittera', scenarios: 'A och B', plural: 'yes' },
      }),
    ).toBe(
      'Innan du kan kvittera en riktig BMB behöver du genomföra övningarna A och B i Övningsläge.',
    );
  });

  it('tells a sender, by username, that the receiver must train before answering', () => {
    expect(
      messageText({ code: 'training.receiver-not-trained', params: { username: 'k300ny' } }),
    ).toBe(
      'Mottagaren k300ny är ny och har inte gjort de obligatoriska övningarna ännu – hen kan inte kvittera BMB:n förrän övningarna är klara.',
    );
  });

  it('holds every personnummer problem under personnummer.<code>', () => {
    for (const [code, text] of Object.entries(personnummerMessages))
      expect(messageText(`personnummer.${code}` as MessageCode)).toBe(text);
  });

  it('knows its own codes, and nothing else', () => {
    expect(isMessageCode('bmb.not-found')).toBe(true);
    expect(isMessageCode('toString')).toBe(false);
    expect(isMessageCode('Invalid input')).toBe(false);
  });
});
