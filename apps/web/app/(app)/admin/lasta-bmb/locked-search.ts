import 'server-only';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';

/**
 * Låsta BMB's search, kept between requests in a cookie rather than the URL:
 * a caller names the patient on the phone, and neither the personnummer nor
 * the name may end up in an address, a browser history or a proxy's log. A
 * personnummer is resolved to the patient's opaque id before it is kept. The
 * cookie goes only to this page, only over this site, and not beyond a work day.
 */
const COOKIE = 'bmb.lasta-sok';
const MAX_AGE_SECONDS = 8 * 3600;

const searchSchema = z.object({
  query: z.string().max(64).default(''),
  patientId: z.uuid().optional(),
  requestedOnly: z.boolean().default(false),
});
export type LockedSearch = z.infer<typeof searchSchema>;

export async function readLockedSearch(): Promise<LockedSearch> {
  const raw = (await cookies()).get(COOKIE)?.value;
  try {
    const parsed = searchSchema.safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : searchSchema.parse({});
  } catch {
    return searchSchema.parse({});
  }
}

export async function keepLockedSearch(search: LockedSearch | null): Promise<void> {
  const jar = await cookies();
  if (!search) {
    jar.delete({ name: COOKIE, path: '/admin/lasta-bmb' });
    return;
  }
  jar.set(COOKIE, JSON.stringify(search), {
    httpOnly: true,
    sameSite: 'strict',
    secure: env().AUTH_URL.startsWith('https://'),
    path: '/admin/lasta-bmb',
    maxAge: MAX_AGE_SECONDS,
  });
}
