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

/** A constant-time test of secrets of any length against `expected` (its digest taken once). */
export function secretMatcher(expected: string): (given: string) => boolean {
  const digest = createHash("sha256").update(expected).digest();
  return (given) => timingSafeEqual(createHash("sha256").update(given).digest(), digest);
}
