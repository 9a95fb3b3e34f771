import { luhnCheckDigit } from '@bmb/domain';
import type postgres from 'postgres';
import { hiddenInput, optionValues, type Browser, type Outcome } from './http';

/**
 * The manual's flows over HTTP, as the pages' forms send them, and fixture
 * data for them: patients whose devices a prescriber holds, made in SQL
 * beside the demo seed.
 */

export type ActionIds = Record<string, string>;

export interface FixturePatient {
  patientId: string;
  personnummer: string;
  name: string;
  loanIds: string[];
}

/** A valid test personnummer (born 1925–1929, serial 980–999), distinct for each index. */
export function fixturePersonnummer(index: number): string {
  const born = new Date(Date.UTC(1925, 0, 1) + index * 86_400_000);
  if (born.getUTCFullYear() > 1929) throw new Error('Too many fixture patients');
  const date = born.toISOString().slice(0, 10).replace(/-/g, '');
  const serial = String(980 + (index % 20));
  return `${date}${serial}${luhnCheckDigit(`${date.slice(2)}${serial}`)}`;
}

/** `count` patients, each with `loansPerPatient` devices (article 41002, no individ) held by `holder` for `unitCode`. */
export async function addFixturePatients(
  sql: postgres.Sql,
  options: { count: number; holder: string; unitCode: string; loansPerPatient?: number; firstIndex?: number; label: string },
): Promise<FixturePatient[]> {
  const [ws] = await sql<{ id: string }[]>`select id from workspaces where kind = 'production'`;
  const workspaceId = ws!.id;
  const [holder] = await sql<{ id: string }[]>`select id from prescribers where workspace_id = ${workspaceId} and username = ${options.holder}`;
  const [unit] = await sql<{ id: string }[]>`select id from payers where workspace_id = ${workspaceId} and code = ${options.unitCode}`;
  const [article] = await sql<{ id: string }[]>`select id from articles where workspace_id = ${workspaceId} and article_no = '41002'`;
  if (!holder || !unit || !article) throw new Error('The demo seed is missing a prescriber, unit or article the fixtures need');
  const patients: FixturePatient[] = [];
  await sql.begin(async (tx) => {
    for (let i = 0; i < options.count; i++) {
      const index = (options.firstIndex ?? 0) + i;
      const personnummer = fixturePersonnummer(index);
      const name = `Kontroll, ${options.label} ${String(index).padStart(4, '0')}`;
      const [patient] = await tx<{ id: string }[]>`
        insert into patients (workspace_id, personnummer, name) values (${workspaceId}, ${personnummer}, ${name}) returning id`;
      const loanIds: string[] = [];
      for (let l = 0; l < (options.loansPerPatient ?? 1); l++) {
        const [loan] = await tx<{ id: string }[]>`
          insert into loans (workspace_id, patient_id, article_id, quantity, prescriber_id, payer_id, delivery_address_id,
                             position, ordered_on, ordered_quantity, delivered_on, delivered_quantity)
          values (${workspaceId}, ${patient!.id}, ${article.id}, 1, ${holder.id}, ${unit.id}, ${unit.id},
                  ${l + 1}, '2024-03-01', 1, '2024-03-04', 1)
          returning id`;
        loanIds.push(loan!.id);
      }
      patients.push({ patientId: patient!.id, personnummer, name, loanIds });
    }
  });
  return patients;
}

export class Flows {
  constructor(private ids: ActionIds) {}

  private id(name: string): string {
    const id = this.ids[name];
    if (!id) throw new Error(`No server action ${name} in this build`);
    return id;
  }

  /** Hjälpmedel: Sök. Expect a redirect to /hjalpmedel/<patientId>. */
  search(b: Browser, personnummer: string): Promise<Outcome> {
    return b.action('/hjalpmedel', this.id('searchPatient'), [['personnummer', personnummer]], { personnummer: '' });
  }

  /** BMB form: Spara ändringarna. Expect a redirect to /skickade-bmb/<bmbId>. */
  saveDraft(
    b: Browser,
    draft: { patientId: string; personnummer: string; receiver: string; loanIds: string[]; message?: string; bmbId?: string },
  ): Promise<Outcome> {
    const values = {
      bmbId: draft.bmbId ?? '',
      fromPatientId: draft.patientId,
      newPrescriberUsername: '',
      newPatientPersonnummer: draft.personnummer,
      loanIds: [],
      message: '',
      needsAssessmentConfirmed: false,
      deviceSafeConfirmed: false,
    };
    const fields: [string, string][] = [
      ['bmbId', draft.bmbId ?? ''],
      ['fromPatientId', draft.patientId],
      ['newPrescriberUsername', draft.receiver],
      ['newPatientPersonnummer', draft.personnummer],
      ...draft.loanIds.map((id): [string, string] => ['loanIds', id]),
      ['message', draft.message ?? ''],
    ];
    return b.action(`/hjalpmedel/${draft.patientId}/bmb`, this.id('saveBmbDraft'), fields, { values });
  }

  /** The draft's summary page, with the idempotency key its Verkställ form carries. */
  async draftKey(b: Browser, bmbId: string): Promise<{ key: string | null; outcome: Outcome }> {
    const outcome = await b.tryPage(`/skickade-bmb/${bmbId}`);
    const html = 'html' in outcome ? outcome.html : undefined;
    return { key: html ? hiddenInput(html, 'idempotencyKey') : null, outcome };
  }

  /** Verkställ. Expect `sent` (see `isSent`): the action answers with the BMB's page again. */
  send(b: Browser, bmbId: string, idempotencyKey: string, timeoutMs?: number): Promise<Outcome> {
    return b.action(
      `/skickade-bmb/${bmbId}`,
      this.id('sendBmb'),
      [
        ['bmbId', bmbId],
        ['idempotencyKey', idempotencyKey],
      ],
      {},
      timeoutMs,
    );
  }

  /** Kvittera BMB step 3's page: the receiver's own addresses and payers. */
  async answerChoices(b: Browser, bmbId: string): Promise<{ addressId?: string; payerId?: string; outcome: Outcome }> {
    const outcome = await b.tryPage(`/kvittera-bmb/${bmbId}`);
    const html = 'html' in outcome ? outcome.html : undefined;
    return { addressId: html ? optionValues(html, 'deliveryAddressId')[0] : undefined, payerId: html ? optionValues(html, 'payerId')[0] : undefined, outcome };
  }

  /** Verkställ on the answer page. Expect a redirect to /kvittera-bmb?besvarad=ja|nej. Nej needs a message. */
  answer(
    b: Browser,
    answer: { bmbId: string; approved: 'ja' | 'nej'; addressId: string; payerId: string; message?: string },
    timeoutMs?: number,
  ): Promise<Outcome> {
    const message = answer.message ?? (answer.approved === 'nej' ? 'Patienten är inte listad hos oss.' : '');
    const values = { bmbId: answer.bmbId, approved: '', deliveryAddressId: answer.addressId, payerId: answer.payerId, message: '' };
    return b.action(
      `/kvittera-bmb/${answer.bmbId}`,
      this.id('answerBmb'),
      [
        ['bmbId', answer.bmbId],
        ['deliveryAddressId', answer.addressId],
        ['payerId', answer.payerId],
        ['approved', answer.approved],
        ['message', message],
      ],
      { values },
      timeoutMs,
    );
  }
}

/** The Verkställ form's idempotency key, from the draft page that Spara ändringarna redirected to (RSC payload). */
export function keyInRedirect(outcome: Outcome): string | null {
  return outcome.kind === 'redirect' ? (outcome.body?.match(/"idempotencyKey":"([0-9a-f-]{36})"/)?.[1] ?? null) : null;
}

/** Verkställ went through: the action returned `sent: true` (and its page, now sent). */
export function isSent(outcome: Outcome): boolean {
  return outcome.kind === 'returned' && outcome.sent;
}

/** The id in a redirect to /skickade-bmb/<id>. */
export function bmbIdOf(outcome: Outcome): string | null {
  return outcome.kind === 'redirect' ? (outcome.to.match(/\/skickade-bmb\/([0-9a-f-]{36})/)?.[1] ?? null) : null;
}

export function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'redirect':
      return `redirect ${outcome.to}`;
    case 'returned':
      return outcome.failureCode ? `${outcome.failureCode}: ${outcome.message}` : `HTTP ${outcome.status}`;
    case 'error':
      return `HTTP ${outcome.status} ${outcome.detail.slice(0, 80)}`;
    case 'network':
      return `no response (${outcome.detail})`;
    case 'timeout':
      return `no response within the time limit`;
  }
}
