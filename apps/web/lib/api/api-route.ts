import 'server-only';
import { recordAudit } from '@bmb/db/audit';
import { getDb, type Db } from '@bmb/db/client';
import { findProductionWorkspaceId } from '@bmb/db/queries';
import type { MachineActor, MachineScope } from '@bmb/domain';
import { recordDenial } from '@/lib/auth/refusals';
import { log } from '@/lib/log';
import { authenticateMachine } from './machine-auth';
import { problem } from './problem';

export interface ApiContext<P> {
  request: Request;
  actor: MachineActor;
  db: Db;
  params: P;
}

/**
 * A route of the integration API (/api/v1): the bearer token verified for the
 * scope the route needs, the machine client made an actor of the production
 * workspace (never a training one), and every call audited with the client's
 * id and the answer's status. A call without a valid token is counted per
 * source, like any anonymous refusal, never a row of its own in the trail.
 */
export function apiRoute<P = Record<string, never>>(
  scope: MachineScope,
  handle: (context: ApiContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const path = new URL(request.url).pathname;
    const auth = await authenticateMachine(request.headers.get('authorization'), scope);
    const db = await getDb();
    if (!auth.ok && auth.status === 401) {
      await recordDenial('action', `api ${request.method} ${path}`, null, 'unauthenticated');
      return problem(
        { code: auth.error, status: 401, title: 'Ej autentiserad', detail: auth.detail },
        { 'www-authenticate': `Bearer error="${auth.error}"` },
      );
    }
    const workspaceId = await findProductionWorkspaceId(db);
    if (!workspaceId)
      return problem({
        code: 'unavailable',
        status: 503,
        title: 'Inte i drift',
        detail: 'BMB har ingen produktionsmiljö ännu.',
      });
    if (!auth.ok) {
      await auditCall(db, workspaceId, auth.clientId, request.method, path, auth.status);
      return problem(
        {
          code: auth.error,
          status: auth.status,
          title: 'Otillräcklig behörighet',
          detail: auth.detail,
        },
        { 'www-authenticate': `Bearer error="${auth.error}", scope="${scope}"` },
      );
    }
    const actor: MachineActor = {
      kind: 'machine',
      clientId: auth.clientId,
      workspaceId,
      scopes: auth.scopes,
    };
    let response: Response;
    try {
      response = await handle({ request, actor, db, params: await context.params });
    } catch (error) {
      log.error('api.failed', {
        path,
        method: request.method,
        error: error instanceof Error ? error.message : String(error),
      });
      response = problem({
        code: 'internal',
        status: 500,
        title: 'Internt fel',
        detail: 'Anropet kunde inte utföras. Försök igen.',
      });
    }
    await auditCall(db, workspaceId, auth.clientId, request.method, path, response.status);
    return response;
  };
}

async function auditCall(
  db: Db,
  workspaceId: string,
  clientId: string,
  method: string,
  path: string,
  status: number,
) {
  await recordAudit(db, {
    workspaceId,
    actorId: null,
    action: 'api.called',
    entityType: 'api',
    entityId: null,
    after: { client: clientId, method, path, status },
  });
}
