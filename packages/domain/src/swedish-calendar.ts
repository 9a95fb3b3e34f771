import { TZDate } from '@date-fns/tz';
import { BMB_TIME_ZONE } from './bmb-deadline';

/** The first moment of a Swedish calendar day (`YYYY-MM-DD`), e.g. for "from" in a period filter. */
export function startOfSwedishDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, BMB_TIME_ZONE).getTime());
}

/** The first moment of the next Swedish calendar day, for an inclusive "to" date. */
export function endOfSwedishDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + 1, BMB_TIME_ZONE).getTime());
}
