/**
 * Text Postgres cannot store as sent: U+0000 (text columns refuse it) and unpaired UTF-16
 * surrogates (not Unicode at all; the driver would silently store U+FFFD instead). Both are
 * the client's input, refused with BAD_USER_INPUT naming the field, never stored altered.
 */
const NUL = "\u0000";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` cannot be stored as sent, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes(NUL)) return "contains U+0000, which cannot be stored";
  if (LONE_SURROGATE.test(s)) return "contains an unpaired surrogate: not valid Unicode text";
  return null;
}
