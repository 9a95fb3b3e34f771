import { headers } from 'next/headers';

/**
 * /api/docs: the integration's contract as an interactive reference (Swagger
 * UI, served from this app: nothing is fetched from elsewhere), for a region's
 * integration team. Public, like the document it shows.
 */
export async function GET(): Promise<Response> {
  const nonce = (await headers()).get('x-nonce') ?? '';
  const html = `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BMB – API-referens för lagersystemet</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="api-reference" aria-label="API-referens"></main>
<script nonce="${nonce}" src="/api/docs/swagger-ui-bundle.js"></script>
<script nonce="${nonce}">
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#api-reference', deepLinking: true });
</script>
</body>
</html>`;
  return new Response(html, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
