import 'server-only';
import { headers } from 'next/headers';

/**
 * Whether this page request was started by a page of BMB itself: a click in
 * the app, a form, a redirect after an action (Next forwards the action's
 * headers). A link on another site, in a mail, or a typed address is not: such
 * a request must not record a patient lookup in the user's name (the session
 * cookie is SameSite=Lax, so it comes along). Sec-Fetch-Site is set by the
 * browser and no page can forge it; a request without it is treated as foreign.
 */
export async function isSameOriginNavigation(): Promise<boolean> {
  return (await headers()).get('sec-fetch-site') === 'same-origin';
}
