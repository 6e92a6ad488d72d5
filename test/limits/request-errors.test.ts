import { useTestApp } from "../support/app";

/** Requests refused before any field runs are the client's mistake: 4xx with a code that says so, no stack in the log. */
const app = useTestApp();

async function post(body: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(app.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.adminToken}` },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}

describe("request-level refusals", () => {
  it.each([
    ["a persisted query whose hash does not match", { version: 1, sha256Hash: "0".repeat(64) }, /does not match/],
    ["an unsupported persisted-query version", { version: 99, sha256Hash: "0".repeat(64) }, /Unsupported persisted query version/],
  ])("%s is BAD_REQUEST with HTTP 400", async (_label, persistedQuery, message) => {
    const res = await post({ query: "{ serviceInfo { reportingCurrency } }", extensions: { persistedQuery } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: "BAD_REQUEST" } }]);
  });

  it("counts aliases of __typename against the alias limit", async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(" ");
    const res = await post({ query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Aliases limit/);
  });
});
