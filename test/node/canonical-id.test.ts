import fc from "fast-check";
import { useTestApp } from "../support/app";
import { createPortfolio, expectError } from "../support/factories";
import { decodeGlobalId, encodeGlobalId } from "../../src/common/global-id";

/**
 * Global IDs are accepted only in their canonical spelling (src/common/global-id.ts):
 * base64url decoding ignores the unused low bits of the last character, so without the
 * re-encoding check one node would answer to several IDs.
 */

const app = useTestApp();

const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Every other spelling of `id` that base64url-decodes to the same bytes (only the last character can differ). */
function variantsOf(id: string): string[] {
  const bytes = Buffer.from(id, "base64url");
  return [...BASE64URL_ALPHABET].map((c) => id.slice(0, -1) + c).filter((x) => x !== id && Buffer.from(x, "base64url").equals(bytes));
}

const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Portfolio { name } } }`;
const PORTFOLIO = `query($id: ID!) { portfolio(id: $id) { id name } }`;
const UPDATE = `mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { id name version } } }`;

describe("a non-canonical spelling of a real Portfolio ID", () => {
  let portfolio: { id: string; name: string };
  let variants: string[];

  beforeAll(async () => {
    portfolio = await createPortfolio(app, { name: "Canonical" });
    variants = variantsOf(portfolio.id);
  });

  it("exists: the ID leaves spare bits in its last character", () => {
    // "Portfolio:" + a 36-character uuid is 46 bytes; 46 = 3·15 + 1, so the last base64
    // character carries 2 bits of data and 4 unused bits: 16 characters decode alike, the
    // canonical one (unused bits zero) and 15 others. (An ID whose byte length were a
    // multiple of 3 would have no spare bits; every Portfolio ID has this length.)
    expect(Buffer.from(portfolio.id, "base64url").length).toBe(46);
    expect(portfolio.id).toHaveLength(62);
    expect(variants).toHaveLength(15);
    for (const v of variants) expect(Buffer.from(v, "base64url").toString("utf8")).toBe(`Portfolio:${decodeGlobalId(portfolio.id)!.key}`);
  });

  it("node(id:) gives null for every variant, and the object for the canonical ID", async () => {
    for (const v of variants) {
      const data = await app.ok(NODE, { id: v });
      expect({ v, node: data.node }).toEqual({ v, node: null });
    }
    const data = await app.ok(NODE, { id: portfolio.id });
    expect(data.node).toEqual({ __typename: "Portfolio", id: portfolio.id, name: "Canonical" });
  });

  it("portfolio(id:) refuses a variant with BAD_USER_INPUT on field id", async () => {
    const res = await app.gql(PORTFOLIO, { id: variants[0] });
    const error = expectError(res, "BAD_USER_INPUT", "id");
    expect(error.message).toBe("id is not a valid ID");
    expect(res.data).toEqual({ portfolio: null });
    expect((await app.ok(PORTFOLIO, { id: portfolio.id })).portfolio).toEqual({ id: portfolio.id, name: "Canonical" });
  });

  it("updatePortfolio refuses a variant with BAD_USER_INPUT on input.id and changes nothing; the canonical ID still updates", async () => {
    const last = variants[variants.length - 1];
    const res = await app.gql(UPDATE, { input: { id: last, name: "Renamed through a variant" } });
    const error = expectError(res, "BAD_USER_INPUT", "input.id");
    expect(error.message).toBe("input.id is not a valid ID");
    const [row] = await app.dataSource.query("SELECT name, version FROM portfolio WHERE id = $1", [decodeGlobalId(portfolio.id)!.key]);
    expect(row).toEqual({ name: "Canonical", version: 1 });

    const ok = await app.ok(UPDATE, { input: { id: portfolio.id, name: "Canonical too" } });
    expect(ok.updatePortfolio.portfolio).toEqual({ id: portfolio.id, name: "Canonical too", version: 2 });
  });

  it("an ID with base64 padding appended is refused as well", async () => {
    const padded = `${portfolio.id}==`;
    expect(Buffer.from(padded, "base64url").equals(Buffer.from(portfolio.id, "base64url"))).toBe(true);
    expect((await app.ok(NODE, { id: padded })).node).toBeNull();
    expectError(await app.gql(PORTFOLIO, { id: padded }), "BAD_USER_INPUT", "id");
  });
});

describe("encodeGlobalId / decodeGlobalId", () => {
  it("round-trip random lower-case uuids of every uuid-keyed node type", () => {
    const types = ["Portfolio", "Initiative", "Metric", "OutcomeHypothesis"];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.uuid(), (type, uuid) => {
        const id = encodeGlobalId(type, uuid);
        expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeGlobalId(id)).toEqual({ type, key: uuid });
      }),
      { numRuns: 300 },
    );
  });

  it("refuse a uuid whose letters change case, wholly or in one place", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.nat(), (uuid, n) => {
        fc.pre(/[a-f]/.test(uuid));
        expect(decodeGlobalId(encodeGlobalId("Portfolio", uuid.toUpperCase()))).toBeNull();
        const letters = [...uuid.matchAll(/[a-f]/g)].map((m) => m.index!);
        const at = letters[n % letters.length];
        const oneUpper = uuid.slice(0, at) + uuid[at].toUpperCase() + uuid.slice(at + 1);
        expect(decodeGlobalId(encodeGlobalId("Portfolio", oneUpper))).toBeNull();
        // the original spelling is still accepted
        expect(decodeGlobalId(encodeGlobalId("Portfolio", uuid))).toEqual({ type: "Portfolio", key: uuid });
      }),
      { numRuns: 300 },
    );
  });

  it("refuse every non-canonical spelling of random IDs", () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        const id = encodeGlobalId("Metric", uuid);
        const others = variantsOf(id);
        // "Metric:" + 36 = 43 bytes = 3·14 + 1: 4 spare bits, 15 other spellings
        expect(others).toHaveLength(15);
        for (const v of others) expect(decodeGlobalId(v)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it("through the API, an upper-case uuid inside a real ID is BAD_USER_INPUT, not another spelling of the same portfolio", async () => {
    const p = await createPortfolio(app, { name: "Case" });
    const key = decodeGlobalId(p.id)!.key;
    // a random uuid has letters with near certainty; make sure this one does
    expect(/[a-f]/.test(key)).toBe(true);
    const upper = encodeGlobalId("Portfolio", key.toUpperCase());
    expect((await app.ok(NODE, { id: upper })).node).toBeNull();
    expectError(await app.gql(PORTFOLIO, { id: upper }), "BAD_USER_INPUT", "id");
    expect((await app.ok(PORTFOLIO, { id: p.id })).portfolio).toEqual({ id: p.id, name: "Case" });
  });
});
