/** The IdP's few pages, in Swedish, plain HTML with labelled fields. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f1f5f9; color: #0f172a; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { width: 100%; box-sizing: border-box; font-size: 1rem; padding: .5rem; border: 1px solid #64748b; border-radius: .25rem; margin-top: .25rem; }
  button { margin-top: 1.5rem; font-size: 1rem; padding: .6rem 1.4rem; background: #1d4f91; color: #fff; border: 0; border-radius: .25rem; cursor: pointer; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .error { color: #991b1b; margin-top: 1rem; }
  .note { color: #334155; font-size: .9rem; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export function loginPage(action: string, options: { username?: string; error?: string } = {}): string {
  const error = options.error
    ? `<p class="error" id="login-error" role="alert">${escapeHtml(options.error)}</p>`
    : '';
  const describedBy = options.error ? ' aria-describedby="login-error"' : '';
  return page(
    'Logga in – regionens inloggning (utveckling)',
    `<h1>Logga in</h1>
<p class="note">Regionens inloggning – utvecklingsversion med demoanvändare.</p>
<form method="post" action="${escapeHtml(action)}">
  <label for="username">Användarnamn</label>
  <input id="username" name="username" autocomplete="username" autofocus required value="${escapeHtml(options.username ?? '')}"${describedBy}>
  <label for="password">Lösenord</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
  ${error}
  <button type="submit">Logga in</button>
</form>`,
  );
}

/** Logout confirmation, submitted at once: a development IdP need not ask. */
export function logoutPage(form: string): string {
  return page(
    'Loggar ut',
    `<h1>Loggar ut …</h1>
${form}
<input type="hidden" form="op.logoutForm" name="logout" value="yes">
<noscript><button type="submit" form="op.logoutForm">Logga ut</button></noscript>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
