import type { TrainingState } from '@bmb/domain';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  articles,
  auditEvents,
  bmbLines,
  bmbs,
  loans,
  patientAccessLog,
  patients,
  payers,
  prescribers,
  unlockRequests,
} from '../schema';
import { workspaceClockSql } from './clock';
import { isLockedSql } from './deadline-sql';
import type { TrainingRun } from './training';

const sender = alias(prescribers, 'sender');
const receiver = alias(prescribers, 'receiver');
const fromPatient = alias(patients, 'from_patient');
const toPatient = alias(patients, 'to_patient');

/**
 * The sandbox as the guide judges it (packages/domain, sandbox-state.ts):
 * its BMBs with their devices, the patients searched and forms opened (the
 * access log), the pages the learner opened, and when the clock was moved.
 */
export async function trainingState(
  db: DbOrTx,
  run: TrainingRun,
  learner: string,
): Promise<TrainingState> {
  const sandbox = run.sandboxWorkspaceId!;
  const sandboxNow = workspaceClockSql(sandbox);
  const [access, bmbRows, [clock]] = await Promise.all([
    db
      .select({ action: patientAccessLog.action, personnummer: patients.personnummer })
      .from(patientAccessLog)
      .innerJoin(
        patients,
        and(
          eq(patients.workspaceId, patientAccessLog.workspaceId),
          eq(patients.id, patientAccessLog.patientId),
        ),
      )
      .where(
        and(
          eq(patientAccessLog.workspaceId, sandbox),
          inArray(patientAccessLog.action, ['patient.search', 'bmb.form.view', 'bmb.answer.view']),
        ),
      )
      .orderBy(asc(patientAccessLog.id)),
    db
      .select({
        id: bmbs.id,
        status: bmbs.status,
        sender: sender.username,
        receiver: receiver.username,
        fromPatient: fromPatient.personnummer,
        toPatient: toPatient.personnummer,
        message: bmbs.message,
        needsAssessmentConfirmed: bmbs.needsAssessmentConfirmed,
        deviceSafeConfirmed: bmbs.deviceSafeConfirmed,
        chosenPayer: payers.code,
        locked: sql<boolean>`${isLockedSql(bmbs, sandboxNow)}`,
        unlockRequested: sql<boolean>`exists (select 1 from ${unlockRequests} where ${unlockRequests.workspaceId} = ${bmbs.workspaceId} and ${unlockRequests.bmbId} = ${bmbs.id})`,
        articles: sql<string[]>`coalesce((
          select array_agg(${articles.articleNo} order by ${loans.position}, ${loans.id})
          from ${bmbLines}
          join ${loans} on ${loans.workspaceId} = ${bmbLines.workspaceId} and ${loans.id} = ${bmbLines.loanId}
          join ${articles} on ${articles.workspaceId} = ${loans.workspaceId} and ${articles.id} = ${loans.articleId}
          where ${bmbLines.workspaceId} = ${bmbs.workspaceId} and ${bmbLines.bmbId} = ${bmbs.id}
        ), '{}')`,
      })
      .from(bmbs)
      .innerJoin(
        sender,
        and(eq(sender.workspaceId, bmbs.workspaceId), eq(sender.id, bmbs.senderId)),
      )
      .innerJoin(
        receiver,
        and(eq(receiver.workspaceId, bmbs.workspaceId), eq(receiver.id, bmbs.receiverId)),
      )
      .innerJoin(
        fromPatient,
        and(eq(fromPatient.workspaceId, bmbs.workspaceId), eq(fromPatient.id, bmbs.fromPatientId)),
      )
      .innerJoin(
        toPatient,
        and(eq(toPatient.workspaceId, bmbs.workspaceId), eq(toPatient.id, bmbs.toPatientId)),
      )
      .leftJoin(
        payers,
        and(eq(payers.workspaceId, bmbs.workspaceId), eq(payers.id, bmbs.chosenPayerId)),
      )
      .where(and(eq(bmbs.workspaceId, sandbox), ne(bmbs.status, 'discarded')))
      .orderBy(asc(bmbs.createdAt), asc(bmbs.id)),
    db
      .select({ at: sql<string | null>`max(${auditEvents.occurredAt})::text` })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, sandbox), eq(auditEvents.action, 'training.clock.moved')),
      ),
  ]);
  const of = (action: string) =>
    access.filter((a) => a.action === action).map((a) => a.personnummer);
  return {
    learner,
    visits: run.visits.map((v) => ({ path: v.path, at: new Date(v.at) })),
    searched: of('patient.search'),
    formsOpened: of('bmb.form.view'),
    answerOpened: of('bmb.answer.view').length > 0,
    bmbs: bmbRows.map((b) => ({
      ...b,
      status: b.status as TrainingState['bmbs'][number]['status'],
      articles: [...b.articles],
      locked: Boolean(b.locked),
      unlockRequested: Boolean(b.unlockRequested),
    })),
    clockMovedAt: clock?.at ? new Date(clock.at) : null,
    acknowledged: run.acknowledgedSteps,
  };
}
