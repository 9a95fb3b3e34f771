import { asc, desc, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The lists that grow with the region (Kvittera BMB, Skickade BMB, Låsta BMB)
 * are read a numbered page at a time, newest or oldest first, with how many
 * there are in all: a person can tell where they are and go back. Offset
 * paging: a count and an offset over an index on the list's own rows, cheap at
 * a prescriber's or a region's scale; a row answered meanwhile shifts the
 * later pages by one, which reloading shows.
 */
export type ListSort = 'newest' | 'oldest';

export interface ListPageRequest {
  sort: ListSort;
  /** 1-based; past the last page means the last page. */
  page: number;
  size: number;
}

export interface ListPage<T> {
  rows: T[];
  total: number;
  /** The page shown (clamped to 1..pages). */
  page: number;
  pages: number;
  size: number;
}

export const LIST_PAGE_SIZE = 50;

/** The page to read once the total is known, and the offset of its first row. */
export function pageWindow(total: number, request: ListPageRequest): { page: number; pages: number; offset: number } {
  const size = Math.max(1, Math.floor(request.size));
  const pages = Math.max(1, Math.ceil(total / size));
  const wanted = Number.isSafeInteger(request.page) && request.page > 0 ? request.page : 1;
  const page = Math.min(wanted, pages);
  return { page, pages, offset: (page - 1) * size };
}

/** Newest or oldest first on `at`, the id breaking ties so that pages never overlap. */
export function listOrder(sort: ListSort, at: AnyPgColumn | SQL, id: AnyPgColumn): SQL[] {
  return sort === 'newest' ? [desc(at), desc(id)] : [asc(at), asc(id)];
}

/** Counts, then reads the one page: `read(offset, limit)` runs the list's own query. */
export async function readListPage<T>(
  request: ListPageRequest,
  countRows: () => Promise<number>,
  read: (offset: number, limit: number) => Promise<T[]>,
): Promise<ListPage<T>> {
  const total = await countRows();
  const { page, pages, offset } = pageWindow(total, request);
  const size = Math.max(1, Math.floor(request.size));
  const rows = total === 0 ? [] : await read(offset, size);
  return { rows, total, page, pages, size };
}
