import { useTestApp } from "../support/app";
import { post, signJwt } from "../support/auth-factories";

/** RMO_JWT_ISSUER and RMO_JWT_AUDIENCE, when set, must match the token's iss and aud. */
const ISSUER = "https://idp.example.com/";
const AUDIENCE = "rmo-api";
const app = useTestApp({ RMO_JWT_ISSUER: ISSUER, RMO_JWT_AUDIENCE: AUDIENCE });

const QUERY = { query: `{ serviceInfo { reportingCurrency } }` };

async function status(claims: Record<string, unknown>) {
  const res = await post(app, QUERY, { authorization: `Bearer ${await signJwt({ sub: "alice", ...claims })}` });
  return { status: res.status, code: res.body.errors?.[0]?.extensions?.code };
}

describe("issuer and audience checks", () => {
  it("accepts a token with the configured iss and aud", async () => {
    expect(await status({ iss: ISSUER, aud: AUDIENCE })).toEqual({ status: 200, code: undefined });
    expect(await status({ iss: ISSUER, aud: ["other-api", AUDIENCE] })).toEqual({ status: 200, code: undefined });
  });

  it.each([
    ["no iss", { aud: AUDIENCE }],
    ["another iss", { iss: "https://evil.example.com/", aud: AUDIENCE }],
    ["no aud", { iss: ISSUER }],
    ["another aud", { iss: ISSUER, aud: "other-api" }],
  ])("refuses %s with 401 UNAUTHENTICATED", async (_label, claims) => {
    expect(await status(claims)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });
});
