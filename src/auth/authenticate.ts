import { createRemoteJWKSet, errors, jwtVerify, JWTPayload, JWTVerifyGetKey } from "jose";
import { DataSource } from "typeorm";
import { AuthConfig } from "../config";
import { UnauthenticatedError } from "../errors";
import { ApiTokenScope } from "../access/roles";
import { hashSecret, secretMatcher, TOKEN_PREFIX } from "./tokens";
import { Viewer } from "../access/viewer";

const ADMIN_ROLE = "rmo:admin";
const LAST_USED_RESOLUTION_MS = 60_000;

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === "::1" || address.startsWith("127.") || address === "::ffff:127.0.0.1");
}

/** What is wrong with a refused JWT, in words a caller can act on (never the key or the token). */
function jwtProblem(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "The token has expired";
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === "sub" && e.reason === "missing") return "The token has no subject (sub claim)";
    return e.reason === "missing" ? `The token has no ${e.claim} claim` : `The token's ${e.claim} claim is not accepted here`;
  }
  return "Invalid token";
}

function rolesOf(payload: JWTPayload): string[] {
  const roles = payload.roles;
  if (Array.isArray(roles)) return roles.filter((r): r is string => typeof r === "string");
  if (typeof roles === "string") return roles.split(/[\s,]+/);
  return [];
}

/** Said with a missing or malformed header: the first thing a newcomer meets. */
const WHERE_TOKENS_COME_FROM =
  " (a person's JWT, an API token made by createApiToken, or the operator's bootstrap token; on the embedded default, the local admin token in .rmo/admin-token)";

/**
 * Turns the Authorization header into a Viewer, or refuses with UNAUTHENTICATED:
 * the bootstrap token, an API token (`rmo_…`, looked up by hash on every request so
 * revocation and expiry take effect at once), or a JWT from the identity provider.
 */
export class Authenticator {
  private readonly jwtKey: Uint8Array | JWTVerifyGetKey | null;

  constructor(
    private readonly config: AuthConfig,
    private readonly dataSource: DataSource,
  ) {
    this.jwtKey = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
  }

  async authenticate(authorization: string | undefined, remoteAddress: string | undefined): Promise<Viewer> {
    if (!authorization) {
      if (this.config.devOpen && isLoopback(remoteAddress)) {
        return { kind: "dev", subject: "local-dev", name: "local-dev", admin: true };
      }
      throw new UnauthenticatedError(`Authentication required: send \`Authorization: Bearer <token>\`${WHERE_TOKENS_COME_FROM}`);
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError(`The Authorization header must be \`Bearer <token>\`${WHERE_TOKENS_COME_FROM}`);
    const credential = match[1];
    if (this.isBootstrap(credential)) {
      return { kind: "bootstrap", subject: "bootstrap", name: "bootstrap", admin: true };
    }
    if (credential.startsWith(TOKEN_PREFIX)) return this.apiToken(credential);
    return this.jwt(credential);
  }

  private bootstrap: { token: string; matches: (given: string) => boolean } | null = null;

  /** Whether `credential` is the operator's bootstrap token (its digest kept while the setting stays). */
  private isBootstrap(credential: string): boolean {
    const token = this.config.bootstrapToken;
    if (!token) return false;
    if (this.bootstrap?.token !== token) this.bootstrap = { token, matches: secretMatcher(token) };
    return this.bootstrap.matches(credential);
  }

  private async apiToken(secret: string): Promise<Viewer> {
    const [row] = await this.dataSource.query(
      `SELECT id, name, scope, metric_keys, portfolio_ids, created_by, created_by_admin, last_used_at
         FROM api_token WHERE secret_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [hashSecret(secret)],
    );
    if (!row) throw new UnauthenticatedError("Invalid, expired or revoked API token");
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
      await this.dataSource.query("UPDATE api_token SET last_used_at = now() WHERE id = $1", [row.id]);
    }
    return {
      kind: "token",
      subject: row.created_by,
      name: row.name,
      admin: row.created_by_admin,
      token: {
        rowId: row.id,
        scope: row.scope as ApiTokenScope,
        metricKeys: row.metric_keys,
        portfolioRowIds: row.portfolio_ids,
      },
    };
  }

  private async jwt(token: string): Promise<Viewer> {
    if (!this.jwtKey) throw new UnauthenticatedError("Unknown token (sign-in with identity-provider tokens is not configured)");
    let payload: JWTPayload;
    try {
      const options = {
        issuer: this.config.jwtIssuer,
        audience: this.config.jwtAudience,
        algorithms: this.config.jwksUrl ? undefined : ["HS256"],
        // a person's token must expire: one without `exp` would be a password
        requiredClaims: ["exp", "sub"],
      };
      payload =
        this.jwtKey instanceof Uint8Array
          ? (await jwtVerify(token, this.jwtKey, options)).payload
          : (await jwtVerify(token, this.jwtKey, options)).payload;
    } catch (e) {
      throw new UnauthenticatedError(jwtProblem(e));
    }
    if (!payload.sub) throw new UnauthenticatedError("The token has no subject (sub claim)");
    const name = typeof payload.name === "string" ? payload.name : payload.sub;
    return { kind: "person", subject: payload.sub, name, admin: rolesOf(payload).includes(ADMIN_ROLE) };
  }
}
