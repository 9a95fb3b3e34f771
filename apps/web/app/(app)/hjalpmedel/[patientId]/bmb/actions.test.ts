import { auditEvents, bmbLines, bmbs } from '@bmb/db/schema';
import { demoId, demoPatients } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { berglund, createDraft, draftForm, emptyDraftState, manualLoan, svensson } from '@/test/bmb-fixtures';
import { settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { saveBmbDraft } from './actions';

describe.each(testDbKinds())('saveBmbDraft on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('k100ana');
  });
  afterAll(() => world?.handle.close());

  const bmb = async (id: string) => (await world.db.select().from(bmbs).where(eq(bmbs.id, id)))[0]!;
  const lineLoans = async (id: string) =>
    (await world.db.select().from(bmbLines).where(eq(bmbLines.bmbId, id))).map((l) => l.loanId).sort();

  it("saves the manual's example as a draft and goes to its summary", async () => {
    const id = await createDraft();
    expect(await bmb(id)).toMatchObject({
      status: 'draft',
      senderId: session.user!.prescriberId,
      receiverId: demoId('prescriber', 'k200bo'),
      fromPatientId: svensson.id,
      toPatientId: svensson.id,
      message: 'Skickar BMB enl. överenskommelse.',
      sentAt: null,
    });
    expect(await lineLoans(id)).toEqual([manualLoan(3)]);
    const [event] = await world.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'bmb.draft.saved', entityId: id, after: { loanIds: [manualLoan(3)] } });
  });

  it('saves the same draft again with other rows (Ändra)', async () => {
    const id = await createDraft();
    const again = await createDraft({ bmbId: id, loanIds: [manualLoan(3), manualLoan(4)] });
    expect(again).toBe(id);
    expect(await lineLoans(id)).toEqual([manualLoan(3), manualLoan(4)].sort());
    const [event] = await world.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'bmb.draft.saved', before: { loanIds: [manualLoan(3)] } });
  });

  const refusals: [string, Parameters<typeof draftForm>[0], string, string][] = [
    ['an unknown username', { newPrescriberUsername: 'k999xyz' }, 'newPrescriberUsername', 'ingen förskrivare'],
    ['a prescriber who has left', { newPrescriberUsername: 'k500ulf' }, 'newPrescriberUsername', 'inte längre aktiv'],
    ['a malformed personnummer', { newPatientPersonnummer: '1212121212' }, 'newPatientPersonnummer', 'alla 12 siffror'],
    // Looked up only on an otherwise valid form (issue 15, item 4): confirmed, as patient to patient.
    [
      'an unknown patient',
      { newPatientPersonnummer: '199001019802', needsAssessmentConfirmed: true, deviceSafeConfirmed: true },
      'newPatientPersonnummer',
      'Ingen patient',
    ],
    ['no rows', { loanIds: [] }, 'loanIds', 'Markera minst ett'],
    ['a loan of another patient', { loanIds: [demoId('loan', 'gen-3')] }, 'loanIds', 'tillhör inte patienten'],
    ['a loan id that is not an id', { loanIds: ['1; drop table loans'] }, 'loanIds', 'Ogiltig rad'],
    ['a message over 1,000 characters', { message: 'x'.repeat(1500) }, 'message', 'högst 1000 tecken'],
    ['the same prescriber and patient', { newPrescriberUsername: 'k100ana' }, 'newPrescriberUsername', 'annars ändras ingenting'],
    [
      'patient to patient without confirmations',
      { newPatientPersonnummer: demoPatients[4]!.personnummer },
      'confirmations',
      'individuell behovsbedömning',
    ],
  ];
  for (const [what, overrides, field, message] of refusals) {
    it(`refuses ${what} with a Swedish message at the field and changes nothing`, async () => {
      // The lookup counters are not the domain's state (a miss is counted there, by design).
      const sums = await tableChecksums(world.db, ['rate_limit_counters']);
      const outcome = await settle(() => saveBmbDraft(emptyDraftState, draftForm(overrides)));
      expect('returned' in outcome).toBe(true);
      const state = 'returned' in outcome ? outcome.returned : null;
      expect(state?.failure?.fieldErrors?.[field]?.join(' ')).toContain(message);
      expect(await tableChecksums(world.db, ['rate_limit_counters'])).toEqual(sums);
    });
  }

  it('says an empty Förskrivare/beställare once, and a too-long message back whole', async () => {
    const message = 'å'.repeat(1500);
    const outcome = await settle(() => saveBmbDraft(emptyDraftState, draftForm({ newPrescriberUsername: '', message })));
    const state = 'returned' in outcome ? outcome.returned : undefined;
    expect(state?.failure?.fieldErrors?.newPrescriberUsername).toEqual(['Ange ny förskrivare/beställare (användarnamn).']);
    expect(state?.values.message).toBe(message);
  });

  it('reports every problem at once, also when some fields are malformed', async () => {
    const outcome = await settle(() =>
      saveBmbDraft(emptyDraftState, draftForm({ newPrescriberUsername: 'k999xyz', newPatientPersonnummer: '1212121212', loanIds: [] })),
    );
    const errors = 'returned' in outcome ? outcome.returned.failure?.fieldErrors : undefined;
    expect(errors?.newPrescriberUsername?.[0]).toContain('ingen förskrivare');
    expect(errors?.newPatientPersonnummer?.[0]).toContain('alla 12 siffror');
    expect(errors?.loanIds?.[0]).toContain('Markera minst ett');
  });

  it("refuses a tampered form with another prescriber's loan", async () => {
    const sums = await tableChecksums(world.db);
    const outcome = await settle(() =>
      saveBmbDraft(
        emptyDraftState,
        draftForm({ fromPatientId: berglund.id, newPatientPersonnummer: berglund.personnummer, loanIds: [demoId('loan', 'gen-3')] }),
      ),
    );
    const state = 'returned' in outcome ? outcome.returned : null;
    expect(state?.failure?.fieldErrors?.loanIds?.join(' ')).toContain('BMB ska alltid göras av förskrivaren själv');
    expect(await tableChecksums(world.db)).toEqual(sums);
  });

  it("refuses to overwrite another prescriber's draft: for anyone else it does not exist", async () => {
    const id = await createDraft();
    session.user = await world.userFor('k200bo');
    const sums = await tableChecksums(world.db, ['audit_events']);
    const outcome = await settle(() =>
      saveBmbDraft(
        emptyDraftState,
        draftForm({ bmbId: id, fromPatientId: berglund.id, newPatientPersonnummer: berglund.personnummer, newPrescriberUsername: 'k100ana', loanIds: [demoId('loan', 'gen-3')] }),
      ),
    );
    expect('returned' in outcome && outcome.returned.failure?.code).toBe('not-found');
    expect(await tableChecksums(world.db, ['audit_events'])).toEqual(sums);
  });

  it('stores both confirmations of a patient-to-patient BMB and logs the new patient lookup', async () => {
    const other = demoPatients[4]!;
    const id = await createDraft({
      newPrescriberUsername: 'k100ana',
      newPatientPersonnummer: other.personnummer,
      needsAssessmentConfirmed: true,
      deviceSafeConfirmed: true,
    });
    expect(await bmb(id)).toMatchObject({
      toPatientId: demoId('patient', other.personnummer),
      needsAssessmentConfirmed: true,
      deviceSafeConfirmed: true,
    });
  });

  it('does not keep confirmations on a BMB that stays with the patient', async () => {
    const id = await createDraft({ needsAssessmentConfirmed: true, deviceSafeConfirmed: true });
    expect(await bmb(id)).toMatchObject({ needsAssessmentConfirmed: false, deviceSafeConfirmed: false });
  });

  it('keeps the draft in the workspace of the session', async () => {
    const id = await createDraft();
    expect((await bmb(id)).workspaceId).toBe(world.workspaceId);
    const rows = await world.db.select().from(bmbs).where(and(eq(bmbs.id, id), eq(bmbs.workspaceId, world.workspaceId)));
    expect(rows).toHaveLength(1);
  });
});
