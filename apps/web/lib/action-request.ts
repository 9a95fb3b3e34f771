/**
 * Whether a server action call (a POST with a `Next-Action` header) carries a
 * body Next.js can decode. Next 16 hands any other body to React's decodeReply,
 * which throws and prints a stack trace on stderr for a plain 500; the proxy
 * answers such a request with a 400 instead.
 *
 * What Next 16.4.6's client sends (client/components/router-reducer/reducers/
 * server-action-reducer.js): the body is React's `encodeReply(args)` of the
 * arguments the action actually uses (`omitUnusedArgs`). With a FormData among
 * them that is a FormData, so fetch sends multipart/form-data with a boundary.
 * Without one it is a string, so fetch sends `text/plain;charset=UTF-8`: the
 * actions that take no argument (signInWithSso, signOutEverywhere,
 * leaveTraining, moveTrainingClock) post the body `[]` that way. The string is
 * always the JSON array of the arguments, so a text/plain body that is not one
 * is refused. A no-JS form is multipart too (React sets its encType); a
 * urlencoded body, which Next answers itself without decoding, is let through.
 */
export function isServerActionCall(method: string, headers: Headers): boolean {
  return method === 'POST' && headers.has('next-action');
}

/** `text/plain;charset=UTF-8` → `text/plain`; what may be logged of a content type. */
export function mediaType(contentType: string | null): string {
  if (!contentType) return 'none';
  return (contentType.split(';')[0] ?? '').trim().toLowerCase().slice(0, 80) || 'none';
}

/** `readText` is called only for a text/plain body, the one kind whose content decides. */
export async function isDecodableActionBody(contentType: string | null, readText: () => Promise<string>): Promise<boolean> {
  if (!contentType) return false;
  // The same tests as Next's getServerActionRequestMetadata (server/lib/server-action-request-meta.js).
  if (contentType.startsWith('multipart/form-data')) return /;\s*boundary=/i.test(contentType);
  if (contentType === 'application/x-www-form-urlencoded') return true;
  if (mediaType(contentType) !== 'text/plain') return false;
  return isEncodedArguments(await readText());
}

/** React's encodeReply of an argument list, when it fits in a string: a JSON array. */
function isEncodedArguments(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
