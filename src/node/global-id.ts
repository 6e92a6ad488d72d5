import { BadUserInputError } from "../errors";

/** Every type that implements Node, with the shape of its row key. */
const KEY_FORMATS = {
  Portfolio: "uuid",
  Initiative: "uuid",
  Metric: "uuid",
  OutcomeHypothesis: "uuid",
  Measurement: "int",
  ApiToken: "uuid",
  ScoringModel: "uuid",
  Scenario: "uuid",
} as const;

export type NodeTypeName = keyof typeof KEY_FORMATS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INT = /^[1-9][0-9]{0,17}$/;

/** Opaque to clients: base64url of `Type:key`. Clients must not parse it. */
export function encodeGlobalId(type: NodeTypeName, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/** The type and row key of a global ID, or null when it is not one of ours. */
export function decodeGlobalId(id: string): { type: NodeTypeName; key: string } | null {
  if (typeof id !== "string" || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const sep = text.indexOf(":");
  if (sep < 0) return null;
  const type = text.slice(0, sep) as NodeTypeName;
  const key = text.slice(sep + 1);
  const format = KEY_FORMATS[type];
  if (!format) return null;
  if (!(format === "uuid" ? UUID : INT).test(key)) return null;
  return { type, key };
}

/**
 * The row key of an ID that must be of `type`; a malformed ID or one of another type is
 * BAD_USER_INPUT naming `field` (the input path).
 */
export function expectGlobalId(id: string, type: NodeTypeName, field: string): string {
  const decoded = decodeGlobalId(id);
  if (!decoded) throw new BadUserInputError(`${field} is not a valid ID`, field);
  if (decoded.type !== type) {
    throw new BadUserInputError(`${field} must be the ID of a ${type}, not of a ${decoded.type}`, field);
  }
  return decoded.key;
}
