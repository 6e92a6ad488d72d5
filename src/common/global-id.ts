import { BadUserInputError } from "../errors";
import { nodeType } from "./node-registry";

/** The one shape of a uuid row key (lower case, as Postgres prints it). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INT_PATTERN = /^[1-9][0-9]{0,17}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Opaque to clients: base64url of `Type:key`. Clients must not parse it. */
export function encodeGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/**
 * The type and row key of a global ID, or null when it is not one of ours. Only the
 * canonical spelling is accepted: base64url decoding forgives stray bits and padding, so
 * without re-encoding one node could be reached under several IDs (and cached twice).
 */
export function decodeGlobalId(id: string): { type: string; key: string } | null {
  if (typeof id !== "string" || id.length > 200 || !BASE64URL.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const sep = text.indexOf(":");
  if (sep < 0) return null;
  const type = text.slice(0, sep);
  const key = text.slice(sep + 1);
  const node = nodeType(type);
  if (!node) return null;
  if (!(node.keyFormat === "uuid" ? UUID_PATTERN : INT_PATTERN).test(key)) return null;
  if (encodeGlobalId(type, key) !== id) return null;
  return { type, key };
}

/**
 * The row key of an ID that must be of `type`; a malformed ID or one of another type is
 * BAD_USER_INPUT naming `field` (the input path).
 */
export function expectGlobalId(id: string, type: string, field: string): string {
  const decoded = decodeGlobalId(id);
  if (!decoded) throw new BadUserInputError(`${field} is not a valid ID`, field);
  if (decoded.type !== type) {
    throw new BadUserInputError(`${field} must be the ID of a ${type}, not of a ${decoded.type}`, field);
  }
  return decoded.key;
}
