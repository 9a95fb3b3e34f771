import { MASTERDATA_MAX_BYTES, MASTERDATA_MAX_ROWS } from '../integration/masterdata-limits';
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
  'bmb.patient-fee': ({ articles }) =>
    `${articles} har egenavgift: hantera den enligt gällande rutiner.`,
  'bmb.all-lines-closed':
    'Alla hjälpmedel i BMB:n har återlämnats till Länsservice. Det finns inget att ta över.',

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
  'answer.choose-address': 'Välj kund/leveransadress.',
  'answer.choose-payer': 'Välj betalare.',
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
  // Meddelanden on Kvittera BMB: Markera som läst.
  'message.not-found': 'Meddelandet finns inte, eller är inte ditt.',

  // Övningsläge.
  'training.required': ({ what, scenarios, plural }) =>
    `Innan du kan ${what} en riktig BMB behöver du genomföra ${plural ? 'övningarna' : 'övningen'} ${scenarios} i Övningsläge.`,
  'training.receiver-not-trained': ({ username }) =>
    `Mottagaren ${username} är ny och har inte gjort de obligatoriska övningarna ännu – hen kan inte kvittera BMB:n förrän övningarna är klara.`,
  'training.form-read-only': 'Tills dess visas formuläret bara för läsning.',
  'training.limit':
    'Du har startat övningar många gånger den senaste timmen. Vänta en stund och försök igen.',
  'training.unknown-scenario': 'Okänd övning.',
  'training.run-gone': 'Övningen finns inte längre. Starta den igen.',
  'training.clock-only-in-training': 'Tiden kan bara flyttas i Övningsläge.',
  'training.only-in-training': 'Det här går bara i Övningsläge.',
  'training.requirement-username': 'Det finns ingen förskrivare med det användarnamnet.',
  'account.not-deactivated': 'Det finns inget inaktiverat konto med det användarnamnet (det kan redan vara återaktiverat).',
  'region.months-invalid': 'Ange antal månader som ett heltal från 1 till 60.',
  'region.days-invalid': 'Ange antal dagar som ett heltal från 1 till 90.',

  // Dina uppgifter.
  'contact.account-not-found': 'Ditt konto hittades inte.',
  'contact.number-too-long': 'Numret är för långt.',
  'contact.number-characters':
    'Ett telefonnummer får bara innehålla siffror, mellanslag, +, - och parenteser.',
  'contact.email-invalid': 'Ange en giltig e-postadress.',

  // Grunddata från lagersystemet (POST /api/v1/masterdata): the batch as a whole.
  'masterdata.too-many-rows': `Batchen har för många rader: högst ${MASTERDATA_MAX_ROWS.toLocaleString('sv-SE')} rader sammanlagt. Dela upp den i flera anrop.`,
  'masterdata.too-large': `Batchen är för stor: högst ${MASTERDATA_MAX_BYTES / 1024 / 1024} MB. Dela upp den i flera anrop.`,
  'masterdata.not-json': 'Innehållet är inte giltig JSON.',
  'masterdata.content-type': 'Skicka batchen som JSON (Content-Type: application/json).',
  'masterdata.check-rows':
    'Batchen innehåller felaktiga rader. Ingenting är inläst; rätta raderna och skicka hela batchen igen.',
  'masterdata.batch-not-an-object':
    'Batchen ska vara ett JSON-objekt med listorna payers, deliveryAddresses, prescribers, patients, articles, units och loans.',
  'masterdata.individ-in-use':
    'En individ i batchen fick just ett annat aktivt lån. Ingenting är inläst; försök igen.',
  // … and its rows, field by field.
  'masterdata.not-a-list': 'Ska vara en lista (JSON-array).',
  'masterdata.not-an-object': 'Raden ska vara ett JSON-objekt.',
  'masterdata.unknown-field': 'Okänt fält. Kontrollera stavningen mot API-beskrivningen.',
  'masterdata.field-required': 'Fältet saknas men måste anges.',
  'masterdata.invalid-type': 'Värdet har fel typ (till exempel text i stället för tal).',
  'masterdata.invalid-value': 'Ogiltigt värde.',
  'masterdata.code-invalid': 'Koden ska vara 1–32 tecken, utan mellanslag.',
  'masterdata.name-invalid': 'Namnet ska vara 1–200 tecken.',
  'masterdata.username-invalid':
    'Användarnamnet ska vara 1–64 tecken: bokstäver a–z, siffror, punkt, understreck och bindestreck.',
  'masterdata.article-no-invalid': 'Artikelnumret ska vara 1–32 tecken, utan mellanslag.',
  'masterdata.kind-invalid': 'Typ ska vara H (hjälpmedel), T (tillbehör) eller R (reservdel).',
  'masterdata.price-invalid': 'Priset anges i hela öre: ett heltal, 0 eller mer.',
  'masterdata.individ-no-invalid':
    'Ett individnummer består av siffror, bokstäver och bindestreck, högst 20 tecken.',
  'masterdata.source-id-invalid': 'Lånets sourceId ska vara 1–64 tecken, utan mellanslag.',
  'masterdata.quantity-invalid': 'Antal ska vara ett heltal, 1 eller mer.',
  'masterdata.date-invalid': 'Datumet ska vara ett giltigt datum i formen ÅÅÅÅ-MM-DD.',
  'masterdata.delivered-before-ordered': 'Leveransdatum kan inte vara före orderdatum.',
  'masterdata.status-invalid': 'Status ska vara active eller returned.',
  'masterdata.version-invalid': 'Version ska vara ett heltal, 1 eller mer.',
  'masterdata.duplicate-key':
    'Samma nyckel förekommer på flera rader i batchen. Varje nyckel får bara finnas en gång per lista.',
  'masterdata.unknown-prescriber': 'Förskrivaren finns varken i batchen eller i BMB.',
  'masterdata.unknown-payer': 'Betalaren finns varken i batchen eller i BMB.',
  'masterdata.unknown-delivery-address':
    'Kund/leveransadressen finns varken i batchen eller i BMB.',
  'masterdata.unknown-patient': 'Patienten finns varken i batchen eller i BMB.',
  'masterdata.unknown-article': 'Artikeln finns varken i batchen eller i BMB.',
  'masterdata.unknown-individ': 'Individen finns varken i batchen eller i BMB.',
  'masterdata.unit-of-other-article': 'Individen hör till en annan artikel än lånets.',
  'masterdata.unit-article-changed':
    'Individen finns redan i BMB med en annan artikel. En individ kan inte byta artikel.',
  'masterdata.individ-needs-quantity-1': 'Ett lån med individ ska ha antal 1.',
  'masterdata.default-not-listed': 'Standardvalet måste finnas bland förskrivarens listade koder.',
  'masterdata.individ-already-active':
    'Individen har redan ett aktivt lån. En individ kan bara vara utlånad till en patient i taget.',

  // Grunddata från CSV-filer (pnpm run import, docs/integration.md): what the files say before their rows do.
  'import.check-files':
    'Filerna innehåller fel. Ingenting är inläst; rätta felen och kör importen igen.',
  'import.unknown-file':
    'Okänd fil. Filerna heter payers.csv, delivery-addresses.csv, prescribers.csv, patients.csv, articles.csv, units.csv och loans.csv.',
  'import.empty-file': 'Filen är tom: den första raden ska vara en rubrikrad med kolumnernas namn.',
  'import.unknown-column':
    'Okänd kolumn. Kolumnernas namn står i docs/integration.md och skrivs exakt så.',
  'import.duplicate-column': 'Kolumnen finns två gånger i rubrikraden.',
  'import.missing-column': 'Kolumnen saknas i rubrikraden men måste finnas.',
  'import.field-count': 'Raden har inte lika många fält som rubrikraden.',
  'import.csv-syntax':
    'Raden är inte giltig CSV (till exempel ett citattecken som inte avslutas). Resten av filen är inte läst.',
  'import.not-utf8': 'Värdet är inte giltig UTF-8. Spara filen som UTF-8.',
  'import.boolean-invalid': 'Ska vara true eller false.',

  // Admin → Webhooks.
  'webhook.url-required': 'Ange adressen som händelserna ska skickas till.',
  'webhook.url-too-long': 'Adressen är för lång.',
  'webhook.url-invalid':
    'Ange en fullständig adress, till exempel https://lager.region.se/bmb/webhook.',
  'webhook.url-not-https':
    'Adressen måste börja med https://, så att händelserna skickas krypterat.',
  'webhook.url-credentials':
    'Adressen får inte innehålla användarnamn eller lösenord. Mottagaren kontrollerar i stället signaturen med hemligheten.',
  'webhook.url-private-address':
    'Adressen leder till ett internt nät eller till BMB:s egen server (privat adress, loopback eller liknande). Ange en adress som nås från internet.',
  'webhook.url-unresolvable': 'Adressens värdnamn kunde inte slås upp. Kontrollera stavningen.',
  'webhook.no-event-types': 'Välj minst en händelsetyp.',
  'webhook.description-too-long': 'Beskrivningen får vara högst 200 tecken.',
  'webhook.invalid-id': 'Ogiltig rad. Ladda om sidan och försök igen.',
  'webhook.not-found': 'Webhooken finns inte.',
  'webhook.already-disabled': 'Webhooken är redan avstängd.',
  'webhook.delivery-not-found': 'Leveransen finns inte.',
  'webhook.delivery-not-failing': 'Leveransen är redan skickad eller väntar redan på att skickas.',
  'webhook.endpoint-disabled': 'Webhooken är avstängd: inget skickas till den.',
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
