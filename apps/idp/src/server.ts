import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readIdpEnv } from './env';
import { loginPage } from './pages';
import { createProvider } from './provider';
import { authenticate } from './users';

const env = readIdpEnv();
const provider = createProvider(env);
const oidc = provider.callback();

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** The login step of an authorization: our own page instead of oidc-provider's dev pages. */
async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, isSubmit: boolean) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return sendHtml(res, 400, 'Ogiltig inloggning.');
  const action = `/interaction/${uid}/login`;
  if (details.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant; anything else just continues.
    return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
  }
  if (!isSubmit) return sendHtml(res, 200, loginPage(action));

  const form = await readForm(req);
  const username = form.get('username') ?? '';
  const user = authenticate(username, form.get('password') ?? '');
  if (!user) {
    console.log(`[idp] failed login for "${username.slice(0, 32)}"`);
    return sendHtml(res, 401, loginPage(action, { username, error: 'Fel användarnamn eller lösenord.' }));
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.username } },
    { mergeWithLastSubmission: false },
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', env.issuer);
  const match = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (match) {
    const isSubmit = req.method === 'POST' && match[2] === '/login';
    handleInteraction(req, res, match[1]!, isSubmit).catch((error: unknown) => {
      console.error('[idp] interaction failed:', error instanceof Error ? error.message : error);
      if (!res.headersSent) sendHtml(res, 400, 'Inloggningen gick inte att slutföra. Börja om från BMB.');
    });
    return;
  }
  oidc(req, res);
});

server.listen(env.port, env.host, () => {
  console.log(`[idp] development OpenID Connect provider on ${env.issuer} (users: k100ana, k200bo, admin, k300ny; password: demo)`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
