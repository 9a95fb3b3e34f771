import { getDb } from '@bmb/db/client';
import { findSessionPrincipal } from '@bmb/db/queries';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { readSessionToken } from '../../../apps/web/lib/auth/session-cookie';
import { bareEnv } from '../env';

/** One session read, as apps/web makes on every request, and the user's name. */
export default async function Page() {
  const jar = await cookies();
  const token = readSessionToken((name) => jar.get(name)?.value, bareEnv.authUrl);
  const session = token ? await findSessionPrincipal(await getDb(), token) : null;
  if (!session?.prescriber) redirect('/ingen-session');
  return (
    <main>
      <h1>{session.prescriber.name}</h1>
      <p>Inloggad som {session.prescriber.username}.</p>
    </main>
  );
}
