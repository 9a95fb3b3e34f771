import { asc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { bmbs } from '../schema';

/**
 * Lists of BMBs that can grow without bound (a busy receiver's inbox, every
 * locked BMB in the region) are shown a page at a time, oldest first. Keyset
 * paging on (sent_at, id): page 40 costs what page 1 costs, and a BMB answered
 * or unlocked meanwhile does not shift the rows still to come.
 */
export interface BmbPageRequest {
  /** The id of the last BMB on the page before; absent for the first page. */
  after?: string;
  size: number;
}

export interface BmbPage<T> {
  rows: T[];
  /** The `after` of the next page; null on the last one. */
  next: string | null;
}

export const BMB_PAGE_SIZE = 50;

/** Rows that come after the `after` BMB in (sent_at, id) order, in the same workspace. */
export function afterBmb(workspaceId: string | SQLWrapper, after: string | SQLWrapper | undefined): SQL | undefined {
  if (!after) return undefined;
  return sql`(${bmbs.sentAt}, ${bmbs.id}) > (select b.sent_at, b.id from ${bmbs} b where b.workspace_id = ${workspaceId} and b.id = ${after})`;
}

/** The order `afterBmb` pages in, and one row beyond the page, to know whether another follows. */
export const bmbPageOrder = [asc(bmbs.sentAt), asc(bmbs.id)] as const;
export const bmbPageLimit = (page: BmbPageRequest): number => page.size + 1;

/** Cuts the one row fetched beyond the page (`size + 1` were asked for) into `next`. */
export function toBmbPage<T extends { id: string }>(rows: T[], size: number): BmbPage<T> {
  const page = rows.slice(0, size);
  return { rows: page, next: rows.length > size ? (page.at(-1)?.id ?? null) : null };
}
