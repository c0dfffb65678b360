// A real OpenID Connect provider (oidc-provider, the certified Node.js implementation) for the helpdesk console's
// sign-in test: one confidential client (code flow, PKCE required), one user, and a login form the test fills in.
// Usage: node oidc-test-provider.mjs   (settings from the environment, see below); prints "listening on <issuer>".
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const user = {
  login: process.env.OIDC_USER_LOGIN,
  password: process.env.OIDC_USER_PASSWORD,
  claims: {
    sub: process.env.OIDC_USER_SUB,
    name: process.env.OIDC_USER_NAME,
    preferred_username: process.env.OIDC_USER_LOGIN,
    groups: (process.env.OIDC_USER_GROUPS ?? '').split(',').filter(Boolean),
  },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Every client must use PKCE (S256), so a client that skips it fails the test.
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, sub) => (sub === user.claims.sub ? { accountId: sub, claims: async () => user.claims } : undefined),
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const loginForm = (uid, error) => `<!DOCTYPE html><html><body><h1>Test provider sign-in</h1>${error ? `<p id="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<input name="login" autocomplete="username"><input name="password" type="password"><button type="submit">Sign in</button>
</form></body></html>`;

const readForm = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => resolve(new URLSearchParams(body)));
  req.on('error', reject);
});

const handle = provider.callback();
http.createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) {
    handle(req, res);
    return;
  }

  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && !match[2]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid));
      return;
    }

    const form = await readForm(req);
    if (form.get('login') !== user.login || form.get('password') !== user.password) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginForm(details.uid, 'Wrong user name or password.'));
      return;
    }

    // Signed in and consented in one step: the test user grants the client the scopes it asked for.
    const grant = new provider.Grant({ accountId: user.claims.sub, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: user.claims.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (error) {
    console.error(error);
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
  }
}).listen(port, '127.0.0.1', () => console.log(`listening on ${issuer}`));
