import { luhnCheckDigit } from '@bmb/domain';
import { demoArticles, type CareUnitCode } from '../fictional-region';

/**
 * The demo region. The manual's own example comes first and exactly as printed
 * (DESIGN.md, "Demo data"); everything else is fictional.
 */

/**
 * A test personnummer: birth date plus a birth serial in 980–999, the range
 * used for test identities, with the right check digit.
 */
function testPersonnummer(birthDate: string, serial: number): string {
  const nine = `${birthDate.slice(2)}${serial}`;
  return `${birthDate}${serial}${luhnCheckDigit(nine)}`;
}

/** The region's setting: what new staff must complete in Övningsläge before a real BMB. */
export const REQUIRED_TRAINING = ['skicka-bmb', 'kvittera-bmb'];

interface DemoPrescriber {
  username: string;
  name: string;
  phone: string;
  mobile: string;
  email: string;
  role: 'prescriber' | 'admin';
  active: boolean;
  /** New staff who must complete the region's required training first. */
  trainingRequired?: boolean;
  /** Payers and delivery addresses share codes here; the first is the default. */
  units: CareUnitCode[];
}

export const demoPrescribers: DemoPrescriber[] = [
  {
    username: 'k100ana',
    name: 'Ana Nordin',
    phone: '0920-711 00',
    mobile: '070-100 11 00',
    email: 'ana.nordin@region.example',
    role: 'prescriber',
    active: true,
    units: ['2990', '4110'],
  },
  {
    username: 'k200bo',
    name: 'Bo Lindberg',
    phone: '0920-712 00',
    mobile: '070-200 22 00',
    email: 'bo.lindberg@region.example',
    role: 'prescriber',
    active: true,
    units: ['5210', '5230'],
  },
  {
    username: 'admin',
    name: 'Länsservice Kundtjänst',
    phone: '0920-700 00',
    mobile: '',
    email: 'kundtjanst@lansservice.example',
    role: 'admin',
    active: true,
    units: ['2990'],
  },
  {
    username: 'k300ny',
    name: 'Nora Nyström',
    phone: '0920-713 00',
    mobile: '070-300 33 00',
    email: 'nora.nystrom@region.example',
    role: 'prescriber',
    active: true,
    trainingRequired: true,
    units: ['4120'],
  },
  {
    username: 'k400eva',
    name: 'Eva Strand',
    phone: '0920-714 00',
    mobile: '070-400 44 00',
    email: 'eva.strand@region.example',
    role: 'prescriber',
    active: true,
    units: ['4120', '4110'],
  },
  {
    // Has left the region: cannot receive a BMB.
    username: 'k500ulf',
    name: 'Ulf Åkesson',
    phone: '',
    mobile: '',
    email: '',
    role: 'prescriber',
    active: false,
    units: ['5230'],
  },
];

export const MANUAL_PATIENT = { personnummer: '191212121212', name: 'Svensson, Testare' } as const;

export const demoPatients: { personnummer: string; name: string }[] = [
  MANUAL_PATIENT,
  { personnummer: testPersonnummer('19400317', 982), name: 'Lindqvist, Greta' },
  { personnummer: testPersonnummer('19520704', 984), name: 'Berglund, Sven' },
  { personnummer: testPersonnummer('19381122', 986), name: 'Nilsson, Astrid' },
  { personnummer: testPersonnummer('19671009', 981), name: 'Holm, Karin' },
  { personnummer: testPersonnummer('19450228', 983), name: 'Öberg, Gunnar' },
  { personnummer: testPersonnummer('19810515', 985), name: 'Sundström, Maja' },
  { personnummer: testPersonnummer('19330806', 987), name: 'Wikström, Elsa' },
  { personnummer: testPersonnummer('20050912', 988), name: 'Lundgren, Elias' },
  { personnummer: testPersonnummer('19590130', 989), name: 'Backman, Per' },
  { personnummer: testPersonnummer('19721224', 990), name: 'Forsberg, Linnea' },
  { personnummer: testPersonnummer('19491103', 991), name: 'Isaksson, Rune' },
  { personnummer: testPersonnummer('19600620', 992), name: 'Granlund, Ingrid' },
];

export interface DemoLoan {
  key: string;
  personnummer: string;
  articleNo: string;
  individNo: string | null;
  quantity: number;
  prescriber: string;
  unit: CareUnitCode;
  position: number;
  orderedOn: string;
  deliveredOn: string | null;
}

/** The manual's patient, exactly as in its pictures. */
const manualLoans: DemoLoan[] = [
  { key: 'manual-1', personnummer: '191212121212', articleNo: '15749', individNo: null, quantity: 1, prescriber: 'k100ana', unit: '2990', position: 1, orderedOn: '2012-01-13', deliveredOn: '2012-01-13' },
  { key: 'manual-2', personnummer: '191212121212', articleNo: '25800', individNo: '75082', quantity: 1, prescriber: 'k100ana', unit: '2990', position: 2, orderedOn: '2011-05-31', deliveredOn: '2011-05-31' },
  { key: 'manual-3', personnummer: '191212121212', articleNo: '10156', individNo: '170098', quantity: 1, prescriber: 'k100ana', unit: '2990', position: 3, orderedOn: '2015-11-02', deliveredOn: '2015-11-04' },
  { key: 'manual-4', personnummer: '191212121212', articleNo: '15014', individNo: '157792', quantity: 1, prescriber: 'k100ana', unit: '2990', position: 4, orderedOn: '2015-11-02', deliveredOn: '2015-11-04' },
];

/** Two or three devices for each other patient, spread over the prescribers. */
function generatedLoans(): DemoLoan[] {
  const holders: { prescriber: string; unit: CareUnitCode }[] = [
    { prescriber: 'k100ana', unit: '4110' },
    { prescriber: 'k200bo', unit: '5210' },
    { prescriber: 'k400eva', unit: '4120' },
    { prescriber: 'k200bo', unit: '5230' },
  ];
  const articleCycle = ['30211', '41002', '30540', '50310', '60115', '70220', '10156', '41120', '10160', '25800'];
  const loans: DemoLoan[] = [];
  let serial = 0;
  demoPatients.slice(1).forEach((patient, p) => {
    const count = 2 + (p % 2);
    const holder = holders[p % holders.length]!;
    for (let i = 0; i < count; i++) {
      const articleNo = articleCycle[serial % articleCycle.length]!;
      const article = demoArticles.find((a) => a.articleNo === articleNo)!;
      const month = String(1 + (serial % 12)).padStart(2, '0');
      const day = String(3 + (serial % 25)).padStart(2, '0');
      loans.push({
        key: `gen-${serial}`,
        personnummer: patient.personnummer,
        articleNo,
        individNo: article.individual ? String(200100 + serial * 7) : null,
        quantity: article.individual ? 1 : 1 + (serial % 3),
        prescriber: holder.prescriber,
        unit: holder.unit,
        position: i + 1,
        orderedOn: `20${20 + (serial % 6)}-${month}-${day}`,
        deliveredOn: `20${20 + (serial % 6)}-${month}-${day}`,
      });
      serial++;
    }
  });
  return loans;
}

export const demoLoans: DemoLoan[] = [...manualLoans, ...generatedLoans()];

export interface DemoHistoricBmb {
  key: string;
  status: 'accepted' | 'rejected' | 'sent';
  sender: string;
  receiver: string;
  personnummer: string;
  loanKeys: string[];
  message: string;
  /** An ISO time, or days before the first seeding (for a BMB that should still be waiting). */
  sentAt: string | { daysBeforeSeeding: number };
  answeredAt: string | null;
  answerMessage: string | null;
  /** For accepted ones: the receiver's choice, which the loans now carry. */
  chosenUnit: CareUnitCode;
}

/**
 * BMBs of the past and present, consistent with who holds the loans now: an
 * accepted one's loans are with its receiver, the others' still with the sender.
 */
export const demoHistoricBmbs: DemoHistoricBmb[] = [
  {
    key: 'history-accepted-1',
    status: 'accepted',
    sender: 'k400eva',
    receiver: 'k100ana',
    personnummer: demoPatients[1]!.personnummer,
    loanKeys: ['gen-0', 'gen-1'],
    message: 'Patienten har flyttat till Hertsön.',
    sentAt: '2026-09-01T08:15:00Z',
    answeredAt: '2026-09-03T12:40:00Z',
    answerMessage: '',
    chosenUnit: '4110',
  },
  {
    key: 'history-rejected-1',
    status: 'rejected',
    sender: 'k200bo',
    receiver: 'k400eva',
    personnummer: demoPatients[2]!.personnummer,
    loanKeys: ['gen-2'],
    message: 'Skickar BMB enl. överenskommelse.',
    sentAt: '2026-10-05T09:00:00Z',
    answeredAt: '2026-10-06T10:30:00Z',
    answerMessage: 'Patienten är inte listad hos oss. Kontakta Hemsjukvården Boden.',
    chosenUnit: '4120',
  },
  {
    // Unanswered past its deadline: locked until Länsservice unlocks it.
    key: 'locked-1',
    status: 'sent',
    sender: 'k100ana',
    receiver: 'k400eva',
    personnummer: demoPatients[5]!.personnummer,
    loanKeys: ['gen-10'],
    message: 'Patienten har flyttat till Bergnäset.',
    sentAt: '2026-11-02T09:00:00Z',
    answeredAt: null,
    answerMessage: null,
    chosenUnit: '4120',
  },
  {
    // A second locked one.
    key: 'locked-2',
    status: 'sent',
    sender: 'k100ana',
    receiver: 'k200bo',
    personnummer: demoPatients[9]!.personnummer,
    loanKeys: ['gen-21'],
    message: 'Duschpallen följer med till Sunderby.',
    sentAt: '2026-11-05T13:30:00Z',
    answeredAt: null,
    answerMessage: null,
    chosenUnit: '5210',
  },
  {
    // Waiting for k100ana, so that Kvittera BMB has something to show on the first start.
    key: 'waiting-1',
    status: 'sent',
    sender: 'k400eva',
    receiver: 'k100ana',
    personnummer: demoPatients[3]!.personnummer,
    loanKeys: ['gen-5'],
    message: 'Patienten har flyttat till Hertsön. Hör av dig om något är oklart.',
    sentAt: { daysBeforeSeeding: 2 },
    answeredAt: null,
    answerMessage: null,
    chosenUnit: '4110',
  },
];
