import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every API token starts with this, so secret scanners and people recognise it. */
export const TOKEN_PREFIX = "rmo_";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A new token secret (256 bits of randomness) and what is stored of it. */
export function newSecret(): { secret: string; prefix: string; hash: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, 12), hash: hashSecret(secret) };
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}
