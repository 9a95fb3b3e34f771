import { importMasterdata } from '@bmb/commands';
import {
  MASTERDATA_MAX_BYTES,
  MASTERDATA_MAX_ROWS,
  masterdataRowCount,
  messageText,
  problemCode,
  type MessageCode,
} from '@bmb/domain';
import { apiRoute } from '@/lib/api/api-route';
import { problem } from '@/lib/api/problem';

const refused = (code: string, status: number, title: string, message: MessageCode) =>
  problem({ code, status, title, detail: messageText(message) });

const tooLarge = () => refused('batch-too-large', 413, 'För stor batch', 'masterdata.too-large');

/**
 * The body, read at most `limit` bytes far: a client may send no length, or a
 * false one (chunked), so the bytes are counted as they come, and reading
 * stops at the first byte over. Null when the body is larger.
 */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * POST /api/v1/masterdata: an idempotent batch upsert from the region's stock
 * system (commands/integration/import-masterdata.ts). Only JSON, at most
 * MASTERDATA_MAX_BYTES and MASTERDATA_MAX_ROWS rows (413 beyond). A batch with
 * a bad row is refused whole (400): the problem document's `errors` lists
 * every bad row, with a stable code and the Swedish message, and nothing is
 * written. Success answers the counts per list, the stale loans and the BMB
 * lines that closed.
 */
export const POST = apiRoute('masterdata:write', async ({ request, actor, db }) => {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json')
    return refused('unsupported-media-type', 415, 'Fel innehållstyp', 'masterdata.content-type');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MASTERDATA_MAX_BYTES) return tooLarge();
  const bytes = await readAtMost(request, MASTERDATA_MAX_BYTES);
  if (!bytes) return tooLarge();

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refused('invalid-json', 400, 'Ogiltig JSON', 'masterdata.not-json');
  }
  if (masterdataRowCount(body) > MASTERDATA_MAX_ROWS)
    return refused('batch-too-large', 413, 'För stor batch', 'masterdata.too-many-rows');

  const result = await importMasterdata({ db }, actor, body);
  if (result.ok) return Response.json(result.value, { headers: { 'cache-control': 'no-store' } });
  switch (result.code) {
    case 'forbidden':
      return refused('forbidden', 403, 'Otillräcklig behörighet', 'forbidden');
    case 'invalid-input':
      if (problemCode(result.problem) === 'masterdata.too-many-rows')
        return refused('batch-too-large', 413, 'För stor batch', 'masterdata.too-many-rows');
      return problem({
        code: 'invalid-batch',
        status: 400,
        title: 'Ogiltig batch',
        detail: messageText(result.problem),
        errors: (result.rows ?? []).map((row) => ({
          entity: row.entity,
          index: row.index,
          field: row.field,
          code: problemCode(row.problem),
          message: messageText(row.problem),
        })),
      });
    default:
      return problem({
        code: result.code,
        status: 409,
        title: 'Konflikt',
        detail: messageText(result.problem),
      });
  }
});
