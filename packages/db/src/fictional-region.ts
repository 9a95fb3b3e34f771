import { createHash } from 'node:crypto';

/*
 * What the demo region (seed/) and every training sandbox (training/) share:
 * the care units, the article catalogue and the stable ids of fictional rows.
 * It lives outside seed/ so that the sandbox factory, which a query calls,
 * needs nothing from the seed data.
 */

/**
 * A stable UUID for a demo row, derived from its kind and natural key, so that
 * seeding twice inserts nothing new (`on conflict do nothing`).
 */
export function demoId(kind: string, key: string): string {
  const hex = createHash('sha1').update(`bmb-demo:${kind}:${key}`).digest('hex');
  // Shape it as an RFC 9562 version 5 UUID.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Care units: each is both a payer and a delivery address, under the same code. */
export const careUnits = [
  { code: '2990', name: 'Länsservice Hjälpmedelskonsulenterna prod. ansvar' },
  { code: '4110', name: 'Hälsocentralen Hertsön' },
  { code: '4120', name: 'Hälsocentralen Bergnäset' },
  { code: '5210', name: 'Rehabmottagningen Sunderby sjukhus' },
  { code: '5230', name: 'Hemsjukvården Boden' },
] as const;

export type CareUnitCode = (typeof careUnits)[number]['code'];

export interface DemoArticle {
  articleNo: string;
  name: string;
  kind: 'H' | 'T' | 'R';
  priceOre: number;
  patientFee: boolean;
  individual: boolean;
}

export const demoArticles: DemoArticle[] = [
  { articleNo: '15749', name: 'Skrivunderlägg 70x50x8', kind: 'H', priceOre: 8950, patientFee: false, individual: false },
  { articleNo: '25800', name: 'Röstförstärkare Falck 1005', kind: 'H', priceOre: 39500, patientFee: false, individual: true },
  { articleNo: '10156', name: 'Sittdyna Roho Quadro Select hög 39,5x43', kind: 'H', priceOre: 17484, patientFee: false, individual: true },
  { articleNo: '15014', name: 'Sittdyna Roho Quadro Select hög 44x43', kind: 'H', priceOre: 17484, patientFee: false, individual: true },
  { articleNo: '30211', name: 'Rollator Topro Olympos M', kind: 'H', priceOre: 21900, patientFee: true, individual: true },
  { articleNo: '30540', name: 'Rullstol Etac Cross 5 45 cm', kind: 'H', priceOre: 52000, patientFee: false, individual: true },
  { articleNo: '41002', name: 'Duschpall med ryggstöd', kind: 'H', priceOre: 3500, patientFee: false, individual: false },
  { articleNo: '41120', name: 'Toalettförhöjning 10 cm', kind: 'H', priceOre: 2800, patientFee: false, individual: false },
  { articleNo: '50310', name: 'Hörselslinga Bellman Domino', kind: 'H', priceOre: 45000, patientFee: true, individual: true },
  { articleNo: '60115', name: 'Armbågskrycka justerbar', kind: 'H', priceOre: 1200, patientFee: true, individual: false },
  { articleNo: '70220', name: 'Vårdsäng Carpe Diem 90x200', kind: 'H', priceOre: 98000, patientFee: false, individual: true },
  { articleNo: '10160', name: 'Överdrag till sittdyna Roho', kind: 'T', priceOre: 1500, patientFee: false, individual: false },
];
