/**
 * Words the generated region is made of: Swedish names and places, device
 * names and the kind of messages prescribers write. Fictional throughout.
 */

// prettier-ignore
export const FIRST_NAMES = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Kristina', 'Lena', 'Emma', 'Kerstin', 'Ingrid',
  'Marie', 'Malin', 'Jenny', 'Hanna', 'Linnea', 'Elin', 'Ida', 'Johanna', 'Sofia', 'Birgitta',
  'Lars', 'Mikael', 'Anders', 'Johan', 'Erik', 'Per', 'Karl', 'Peter', 'Thomas', 'Jan',
  'Daniel', 'Fredrik', 'Hans', 'Andreas', 'Stefan', 'Mats', 'Magnus', 'Bengt', 'Nils', 'Gunnar',
  'Åsa', 'Märta', 'Göran', 'Örjan', 'Siv', 'Ulla', 'Rune', 'Tage', 'Aino', 'Nils-Erik',
];

// prettier-ignore
export const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindberg',
  'Lindqvist', 'Lundgren', 'Berglund', 'Forsberg', 'Sandberg', 'Lindström', 'Nyström', 'Holmberg',
  'Öberg', 'Åström', 'Sundström', 'Wikström', 'Isaksson', 'Backman', 'Granlund', 'Lundberg',
  'Nordin', 'Strand', 'Marklund', 'Lidström', 'Burman', 'Hedman', 'Lindbäck', 'Rönnbäck',
  'Stenlund', 'Nordström', 'Engman', 'Hortlund', 'Sjölund', 'Wennberg', 'Björk', 'Fors', 'Mäki', 'Niemi',
];

/** Places of a northern region, for care unit names. */
// prettier-ignore
export const PLACES = [
  'Luleå', 'Piteå', 'Boden', 'Kiruna', 'Gällivare', 'Kalix', 'Haparanda', 'Älvsbyn', 'Arvidsjaur',
  'Arjeplog', 'Jokkmokk', 'Pajala', 'Överkalix', 'Övertorneå', 'Hertsön', 'Bergnäset', 'Sunderby',
  'Gammelstad', 'Malmberget', 'Råneå',
];

// prettier-ignore
export const UNIT_KINDS = [
  'Hälsocentralen', 'Rehabmottagningen', 'Hemsjukvården', 'Habiliteringen', 'Arbetsterapin',
  'Sjukgymnastiken', 'Särskilt boende', 'Korttidsboendet', 'Hörcentralen', 'Syncentralen',
];

/** Devices tracked per individ (serial number). */
// prettier-ignore
export const INDIVIDUAL_DEVICES = [
  'Rollator', 'Rullstol manuell', 'Rullstol elektrisk', 'Vårdsäng', 'Sittdyna', 'Lyftsele', 'Personlyft',
  'Duschstol med hjul', 'Röstförstärkare', 'Hörselslinga', 'Ståstöd', 'Gåbord', 'Arbetsstol', 'Elrullstol',
  'Trycksårsmadrass', 'Taklyft', 'Förflyttningsplatta', 'Dörröppnare', 'Tippbräda', 'Larmmatta',
];

/** Devices lent by quantity, without individ. */
// prettier-ignore
export const PLAIN_DEVICES = [
  'Armbågskrycka', 'Toalettförhöjning', 'Duschpall', 'Griptång', 'Strumppådragare', 'Skrivunderlägg',
  'Överdrag till sittdyna', 'Käpp', 'Halkskydd', 'Vridplatta', 'Glidlakan', 'Bestickhållare', 'Tallriksskärm',
  'Handtag', 'Sängbord', 'Ryggstöd', 'Benstöd', 'Nackkudde', 'Stödhandtag', 'Badkarsbräda',
];

// prettier-ignore
export const BRANDS = ['Etac', 'Invacare', 'Topro', 'Permobil', 'Roho', 'Bellman', 'Handicare', 'Careline', 'Sunrise', 'Vermeiren'];

// prettier-ignore
export const BMB_MESSAGES = [
  'Patienten har flyttat till ert upptagningsområde.',
  'Skickar BMB enl. överenskommelse.',
  'Patienten har bytt hälsocentral.',
  'Hjälpmedlen följer med patienten till korttidsboendet.',
  'Patienten är nu inskriven i hemsjukvården.',
  'Enligt telefonsamtal idag.',
  'Patienten har flyttat till särskilt boende.',
  '',
];

// prettier-ignore
export const REJECTION_MESSAGES = [
  'Patienten är inte listad hos oss.',
  'Fel mottagare, kontakta Hemsjukvården.',
  'Vi har inte ansvar för denna patient ännu.',
  'Hjälpmedlet har redan återlämnats.',
];

// prettier-ignore
export const UNLOCK_MESSAGES = [
  'Mottagaren är på semester, vänligen lås upp.',
  'BMB:n blev liggande, vi har pratat med mottagaren.',
  'Fel mottagare, behöver skicka om.',
];

/** `list[i mod length]` in SQL, for a bigint expression `i`. */
export function pickSql(list: readonly string[], i: string): string {
  const quoted = list.map((s) => `'${s.replace(/'/g, "''")}'`).join(',');
  return `(array[${quoted}]::text[])[1 + (${i}) % ${list.length}]`;
}
