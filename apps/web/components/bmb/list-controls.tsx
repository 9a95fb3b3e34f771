import type { ListPage, ListSort } from '@bmb/db/queries';
import Link from 'next/link';

/*
 * Sorting, a state filter and numbered pages for the long BMB lists (Kvittera
 * BMB, Skickade BMB, Låsta BMB), kept in the address: `ordning`, `tillstand`,
 * `sida`. Only words from fixed lists and a page number: never a name or a
 * personnummer.
 */

export interface ListParams<S extends string> {
  sort: ListSort;
  state: S;
  page: number;
}

type Param = string | string[] | undefined;
const one = (value: Param) => (Array.isArray(value) ? value[0] : value);

/** The address's words for the sort, in Swedish. */
const SORT_WORDS: Record<string, ListSort> = { nyast: 'newest', aldst: 'oldest' };
const SORT_PARAM: Record<ListSort, string> = { newest: 'nyast', oldest: 'aldst' };

/**
 * Reads `ordning`, `tillstand` and `sida`; anything else (or nothing) is the
 * list's default. `states` maps the address's word for each state to its value.
 */
export function readListParams<S extends string>(
  params: { ordning?: Param; tillstand?: Param; sida?: Param },
  states: Record<string, S>,
  defaults: { sort: ListSort; state: S },
): ListParams<S> {
  const sort = SORT_WORDS[one(params.ordning) ?? ''] ?? defaults.sort;
  const stateWord = one(params.tillstand) ?? '';
  const state = Object.hasOwn(states, stateWord) ? states[stateWord]! : defaults.state;
  const pageText = one(params.sida) ?? '';
  const page = /^[1-9][0-9]{0,6}$/.test(pageText) ? Number(pageText) : 1;
  return { sort, state, page };
}

/** The list's address for these parameters (defaults left out, so the plain address is page 1). */
export function listHref<S extends string>(
  path: string,
  params: ListParams<S>,
  states: Record<string, S>,
  defaults: { sort: ListSort; state: S },
): string {
  const query = new URLSearchParams();
  if (params.sort !== defaults.sort) query.set('ordning', SORT_PARAM[params.sort]);
  if (params.state !== defaults.state) {
    const word = Object.entries(states).find(([, value]) => value === params.state)?.[0];
    if (word) query.set('tillstand', word);
  }
  if (params.page > 1) query.set('sida', String(params.page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * "Sortera" and "Visa" over a list: a GET form, so the choice is in the
 * address (and the back button), and works without JavaScript.
 */
export function ListControls<S extends string>({
  label,
  path,
  params,
  states,
  stateLabels,
  idPrefix,
}: {
  /** Names the form for screen readers: "Sortera och filtrera: BMB som väntar på din kvittens". */
  label: string;
  path: string;
  params: ListParams<S>;
  /** The address's word for each state, in the order offered. */
  states: Record<string, S>;
  stateLabels: Record<S, string>;
  idPrefix: string;
}) {
  const field = 'flex flex-col gap-1 text-sm font-medium';
  const select = 'rounded border border-slate-400 bg-white px-2 py-1.5 text-base font-normal';
  return (
    <form
      method="get"
      action={path}
      aria-label={`Sortera och filtrera: ${label}`}
      className="flex flex-wrap items-end gap-3"
    >
      <label className={field} htmlFor={`${idPrefix}-ordning`}>
        Sortera
        <select id={`${idPrefix}-ordning`} name="ordning" defaultValue={SORT_PARAM[params.sort]} className={select}>
          <option value="nyast">Nyast först</option>
          <option value="aldst">Äldst först</option>
        </select>
      </label>
      <label className={field} htmlFor={`${idPrefix}-tillstand`}>
        Visa
        <select
          id={`${idPrefix}-tillstand`}
          name="tillstand"
          defaultValue={Object.entries(states).find(([, v]) => v === params.state)?.[0]}
          className={select}
        >
          {Object.entries(states).map(([word, value]) => (
            <option key={word} value={word}>
              {stateLabels[value]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded border border-brand-700 px-4 py-1.5 font-medium text-brand-800">
        Visa
      </button>
    </form>
  );
}

/**
 * Under a list: how many in all, which page, and Föregående/Nästa. `href`
 * builds the address of a page with the list's sort and filter kept.
 */
export function ListPaging({
  label,
  page,
  href,
  noun = 'BMB',
}: {
  label: string;
  page: Pick<ListPage<unknown>, 'total' | 'page' | 'pages' | 'size' | 'rows'>;
  href: (page: number) => string;
  noun?: string;
}) {
  const first = page.total === 0 ? 0 : (page.page - 1) * page.size + 1;
  const last = (page.page - 1) * page.size + page.rows.length;
  const link = 'font-medium text-brand-800 underline';
  const off = 'text-slate-500';
  return (
    <nav aria-label={`Sidor: ${label}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <p data-testid="list-count">
        {page.total === 0
          ? `Inga ${noun}.`
          : `${first}–${last} av ${page.total} ${noun}. Sida ${page.page} av ${page.pages}.`}
      </p>
      {page.page > 1 ? (
        <Link href={href(page.page - 1)} className={link} rel="prev">
          Föregående
        </Link>
      ) : (
        <span className={off}>
          Föregående
        </span>
      )}
      {page.page < page.pages ? (
        <Link href={href(page.page + 1)} className={link} rel="next">
          Nästa
        </Link>
      ) : (
        <span className={off}>
          Nästa
        </span>
      )}
    </nav>
  );
}
