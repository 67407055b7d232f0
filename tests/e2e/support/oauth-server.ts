/**
 * A local server speaking the OAuth 2 endpoints GitHub and Google's OpenID Connect use,
 * for sign-in tests without the internet: authorize (approves at once, as the person a
 * test chose with POST /__identity), token (checks client secret, redirect URI, PKCE),
 * GitHub's /user and /user/emails, Google's discovery document, JWKS and RS256 id_token.
 *
 *   node --import tsx tests/e2e/support/oauth-server.ts --port 3401
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import { OAUTH_CLIENTS } from "./oauth-clients";

interface Identity {
  provider: "github" | "google";
  /** The provider's id for the person (GitHub: a number; Google: a string "sub"). */
  id: string;
  email: string;
  verified: boolean;
  name: string;
}

const { values } = parseArgs({ options: { port: { type: "string" } }, strict: false });
const port = Number(values.port ?? 3401);
const issuer = `http://localhost:${port}`;
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "e2e-key", alg: "RS256", use: "sig" };

const next: Partial<Record<Identity["provider"], Identity>> = {};
const codes = new Map<string, { identity: Identity; redirectUri: string; challenge: string | null; clientId: string }>();
const tokens = new Map<string, Identity>();

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function idToken(identity: Identity, audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", kid: jwk.kid, typ: "JWT" }));
  const payload = b64url(
    JSON.stringify({
      iss: issuer,
      aud: audience,
      sub: identity.id,
      email: identity.email,
      email_verified: identity.verified,
      name: identity.name,
      iat: now,
      exp: now + 600,
    }),
  );
  return `${header}.${payload}.${b64url(sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey))}`;
}

async function body(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = "";
  for await (const chunk of req) raw += String(chunk);
  if ((req.headers["content-type"] ?? "").includes("json")) return new URLSearchParams(JSON.parse(raw || "{}") as Record<string, string>);
  return new URLSearchParams(raw);
}

function json(res: ServerResponse, status: number, data: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(data));
}

function authorize(provider: Identity["provider"], url: URL, res: ServerResponse) {
  const identity = next[provider];
  const redirectUri = url.searchParams.get("redirect_uri");
  const clientId = url.searchParams.get("client_id") ?? "";
  if (!identity || !redirectUri || clientId !== OAUTH_CLIENTS[provider].id) return json(res, 400, { error: "invalid_request" });
  const code = randomBytes(16).toString("hex");
  codes.set(code, { identity, redirectUri, clientId, challenge: url.searchParams.get("code_challenge") });
  const back = new URL(redirectUri);
  back.searchParams.set("code", code);
  const state = url.searchParams.get("state");
  if (state) back.searchParams.set("state", state);
  res.writeHead(302, { location: back.toString() });
  res.end();
}

async function token(req: IncomingMessage, res: ServerResponse) {
  const form = await body(req);
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent) : [];
  const clientId = basicId ?? form.get("client_id") ?? "";
  const secret = basicSecret ?? form.get("client_secret") ?? "";
  const grant = codes.get(form.get("code") ?? "");
  codes.delete(form.get("code") ?? "");
  const client = Object.values(OAUTH_CLIENTS).find((c) => c.id === clientId);
  if (!client || client.secret !== secret) return json(res, 401, { error: "invalid_client" });
  if (!grant || grant.clientId !== clientId || grant.redirectUri !== form.get("redirect_uri")) return json(res, 400, { error: "invalid_grant" });
  if (
    grant.challenge &&
    createHash("sha256")
      .update(form.get("code_verifier") ?? "")
      .digest("base64url") !== grant.challenge
  ) {
    return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
  }
  const access = randomBytes(16).toString("hex");
  tokens.set(access, grant.identity);
  const extra =
    grant.identity.provider === "google" ? { id_token: idToken(grant.identity, clientId), expires_in: 600 } : { scope: "read:user,user:email" };
  json(res, 200, { access_token: access, token_type: "bearer", ...extra });
}

function bearer(req: IncomingMessage): Identity | undefined {
  const value = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  return value ? tokens.get(value) : undefined;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  void (async () => {
    switch (`${req.method} ${url.pathname}`) {
      case "POST /__identity": {
        const form = await body(req);
        const provider = form.get("provider") === "google" ? "google" : "github";
        next[provider] = {
          provider,
          id: form.get("id") ?? "",
          email: form.get("email") ?? "",
          verified: form.get("verified") === "true",
          name: form.get("name") ?? "",
        };
        return json(res, 200, { ok: true });
      }
      case "GET /login/oauth/authorize":
        return authorize("github", url, res);
      case "GET /o/oauth2/v2/auth":
        return authorize("google", url, res);
      case "POST /login/oauth/access_token":
      case "POST /token":
        return token(req, res);
      case "GET /user": {
        const who = bearer(req);
        if (!who) return json(res, 401, { message: "Bad credentials" });
        // GitHub shows no email here unless the person made one public.
        return json(res, 200, {
          id: Number(who.id),
          login: who.name.replace(/\W+/g, "-").toLowerCase(),
          name: who.name,
          email: null,
          avatar_url: null,
        });
      }
      case "GET /user/emails": {
        const who = bearer(req);
        if (!who) return json(res, 401, { message: "Bad credentials" });
        return json(res, 200, [
          { email: `${who.id}+noreply@users.noreply.example`, primary: false, verified: true, visibility: null },
          { email: who.email, primary: true, verified: who.verified, visibility: "private" },
        ]);
      }
      case "GET /.well-known/openid-configuration":
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/v1/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          scopes_supported: ["openid", "email", "profile"],
          token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
          code_challenge_methods_supported: ["S256"],
        });
      case "GET /jwks":
        return json(res, 200, { keys: [jwk] });
      default:
        return json(res, 404, { error: "not_found" });
    }
  })().catch((error: unknown) => json(res, 500, { error: String(error) }));
});

server.listen(port, () => console.log(`[oauth-server] ${issuer}`));
