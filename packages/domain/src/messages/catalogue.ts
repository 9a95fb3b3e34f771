import { personnummerMessages, type PersonnummerErrorCode } from '../personnummer';

/**
 * Every sentence BMB says to a person about a refusal, keyed by a stable code.
 * The rules and the commands speak in codes; an adapter (the web's server
 * actions, the API's problem documents) turns a code into these words. The
 * words are the manual's where the manual has them.
 */

export const MESSAGE_MAX_LENGTH = 1000;

type Params = Record<string, string | number>;
type Entry = string | ((params: Params) => string);

const personnummer = Object.fromEntries(
  Object.entries(personnummerMessages).map(([code, text]) => [`personnummer.${code}`, text]),
) as Record<`personnummer.${PersonnummerErrorCode}`, string>;

export const messageCatalogue = {
  // Who may act.
  unauthenticated: 'Du är inte inloggad. Logga in och försök igen.',
  forbidden: 'Du har inte behörighet att göra detta.',

  // Forms in general.
  'form.check-fields': 'Kontrollera uppgifterna i formuläret.',
  'form.check-marked-fields': 'Kontrollera de markerade fälten.',
  'form.invalid-value': 'Ogiltigt värde. Kontrollera fältet.',
  'form.incomplete': 'Formuläret är ofullständigt. Ladda om sidan och försök igen.',
  'form.already-used': 'Formuläret har redan använts. Ladda om sidan och försök igen.',
  'text.nul': 'Texten innehåller ett otillåtet tecken.',
  'message.too-long': `Meddelandet får vara högst ${MESSAGE_MAX_LENGTH} tecken.`,
  'row.invalid-id': 'Ogiltig rad. Ladda om sidan och försök igen.',

  // A BMB and its lifecycle.
  'bmb.not-found': 'BMB:n finns inte.',
  'bmb.invalid-id': 'Ogiltig BMB. Ladda om sidan.',
  'bmb.not-a-draft': 'BMB:n är redan skickad eller kasserad och kan inte ändras.',
  'bmb.not-waiting': 'BMB:n är redan besvarad.',
  'bmb.locked': 'BMB:n är låst eftersom den inte kvitterades inom 7 dagar. Kontakta Länsservice.',
  'bmb.not-locked': 'Bara en låst BMB kan låsas upp.',
  'bmb.already-unlocked': 'BMB:n är redan upplåst.',
  'bmb.loan-in-open-bmb':
    'Ett eller flera av hjälpmedlen har just skickats i en annan BMB. Den här BMB:n skickades inte.',
  'bmb.cannot-send': ({ reasons }) => `BMB:n kan inte skickas: ${reasons}`,

  // Skicka BMB: the form and its draft.
  'draft.not-editable': 'Utkastet är redan skickat eller kasserat och kan inte ändras.',
  'draft.username-required': 'Ange ny förskrivare/beställare (användarnamn).',
  'draft.username-too-long': 'Användarnamnet är för långt.',
  'draft.username-characters':
    'Användarnamnet får bara innehålla bokstäver a–z, siffror, punkt och bindestreck.',
  'draft.unknown-receiver': 'Det finns ingen förskrivare med det användarnamnet.',
  'draft.inactive-receiver': 'Förskrivaren är inte längre aktiv och kan inte ta emot BMB.',
  'draft.unknown-patient': 'Ingen patient med det personnumret finns.',
  'draft.nothing-changes':
    'Ange en annan förskrivare eller en annan patient – annars ändras ingenting.',
  'draft.no-rows': 'Markera minst ett hjälpmedel.',
  'draft.not-this-patient':
    'Ett markerat hjälpmedel tillhör inte patienten. Ladda om sidan och försök igen.',
  'draft.confirmations-missing':
    'Vid BMB mellan patienter måste du bekräfta att en individuell behovsbedömning är gjord och att hjälpmedlet är funktionsdugligt och inte bär smitta.',
  'loan.locked':
    'Låst: en BMB kvitterades inte inom 7 dagar. Kontakta Länsservice för att låsa upp.',
  'loan.waiting': 'Väntar på kvittens i en skickad BMB.',
  'loan.other-prescriber': ({ username }) =>
    `Förskrivs av ${username}. BMB ska alltid göras av förskrivaren själv.`,

  // Patients.
  'patient.not-found': 'Patienten finns inte. Sök patienten igen.',
  'patient.no-such-personnummer':
    'Ingen patient med det personnumret finns. Kontrollera numret och sök igen.',
  'patient.lookup-limit':
    'Du har sökt på många personnummer på kort tid. Vänta en stund och försök igen. Kontakta Länsservice om du behöver söka fler.',
  ...personnummer,

  // Kvittera BMB.
  'answer.choose-ja-nej': 'Välj Ja eller Nej under Godkänn.',
  'answer.message-required':
    'Skriv ett meddelande till förskrivaren när du inte godkänner övertagandet.',
  'answer.not-your-address': 'Välj en av dina egna kund/leveransadresser.',
  'answer.not-your-payer': 'Välj en av dina egna betalare.',

  // Begär upplåsning, Lås upp.
  'unlock.not-sender': 'Bara den som skickade BMB:n kan begära upplåsning.',
  'unlock.not-locked': 'BMB:n är inte låst och behöver ingen upplåsning.',
  'unlock.already-requested':
    'Du har redan begärt upplåsning av den här BMB:n. Länsservice svarar så snart de kan.',
  'unlock.reason-required': 'Ange ett skäl till upplåsningen.',
  'unlock.reason-too-long': `Skälet får vara högst ${MESSAGE_MAX_LENGTH} tecken.`,
  'unlock.decline-message-required':
    'Skriv ett meddelande till förskrivaren om varför upplåsningen nekas.',
  'unlock.choose-bmb': 'Markera minst en BMB.',
  'unlock.check': 'Kontrollera uppgifterna.',
  'unlock-request.invalid-id': 'Ogiltig begäran. Ladda om sidan.',
  'unlock-request.choose-decision': 'Välj Lås upp eller Neka.',
  'unlock-request.not-found': 'Begäran finns inte.',
  'unlock-request.already-answered': 'Begäran är redan besvarad.',

  // Övningsläge.
  'training.required': ({ what, scenarios, plural }) =>
    `Innan du kan ${what} en riktig BMB behöver du genomföra ${plural ? 'övningarna' : 'övningen'} ${scenarios} i Övningsläge.`,
  'training.limit':
    'Du har startat övningar många gånger den senaste timmen. Vänta en stund och försök igen.',
  'training.unknown-scenario': 'Okänd övning.',
  'training.run-gone': 'Övningen finns inte längre. Starta den igen.',
  'training.clock-only-in-training': 'Tiden kan bara flyttas i Övningsläge.',

  // Dina uppgifter.
  'contact.account-not-found': 'Ditt konto hittades inte.',
  'contact.number-too-long': 'Numret är för långt.',
  'contact.number-characters':
    'Ett telefonnummer får bara innehålla siffror, mellanslag, +, - och parenteser.',
  'contact.email-invalid': 'Ange en giltig e-postadress.',
} as const satisfies Record<string, Entry>;

export type MessageCode = keyof typeof messageCatalogue;

/** A code, with the values its sentence names when it names any. */
export type Problem = MessageCode | { code: MessageCode; params: Params };

export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === 'string' && Object.hasOwn(messageCatalogue, value);
}

export function problemCode(problem: Problem): MessageCode {
  return typeof problem === 'string' ? problem : problem.code;
}

/** The Swedish sentence for a problem. */
export function messageText(problem: Problem): string {
  const entry: Entry = messageCatalogue[problemCode(problem)];
  return typeof entry === 'string'
    ? entry
    : entry(typeof problem === 'string' ? {} : problem.params);
}
