import { buildAppSchema } from "../../src/schema";
import { useTestApp } from "../support/app";
import { createMetric, createPortfolio, expectError } from "../support/factories";
import {
  Caller,
  codeOf,
  createToken,
  CreatedToken,
  CREATE_TOKEN,
  everyMutation,
  fingerprint,
  grant,
  items,
  person,
  RECORD,
  ungrant,
} from "../support/auth-factories";

/**
 * What an API token may do (issue 4): READ_ONLY reads; WRITE_MEASUREMENTS also records
 * measurements of its named metrics, or of the metrics of its portfolios and below, and
 * never more than its creator may, and retracts them within the same scope; no token calls any
 * other mutation.
 */
const app = useTestApp();

let alice: Caller;
const p: Record<string, string> = {};
const key: Record<string, string> = {};

/** The measurements stored per metric key. */
async function counts(): Promise<Record<string, number>> {
  const rows: Array<{ key: string; n: number }> = await app.dataSource.query(
    "SELECT m.key, count(x.id)::int AS n FROM metric m LEFT JOIN measurement x ON x.metric_id = m.id GROUP BY m.key",
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

/** Records one item per name (`key` entry) with `token`; returns the code per index ("OK" when accepted). */
async function record(token: CreatedToken, names: string[], atomic = false): Promise<string[]> {
  const res = await token.caller.gql(RECORD, { input: { atomic, measurements: items(names.map((n) => key[n])) } });
  expect(res.errors).toBeUndefined();
  const outcome: string[] = names.map(() => "OK");
  for (const r of res.data.recordMeasurements.rejected) outcome[r.index] = r.code;
  return outcome;
}

beforeAll(async () => {
  alice = await person(app, "alice");
  p.own = (await createPortfolio(app, { name: "Own" })).id; // alice CONTRIBUTOR
  p.ownChild = (await createPortfolio(app, { name: "Own child", parentId: p.own })).id;
  p.other = (await createPortfolio(app, { name: "Other" })).id; // alice CONTRIBUTOR
  p.viewed = (await createPortfolio(app, { name: "Viewed" })).id; // alice VIEWER
  p.hidden = (await createPortfolio(app, { name: "Hidden" })).id; // nothing
  for (const [name, portfolio] of [
    ["own1", "own"],
    ["own2", "own"],
    ["ownChild", "ownChild"],
    ["other", "other"],
    ["viewed", "viewed"],
    ["hidden", "hidden"],
  ]) {
    key[name] = (await createMetric(app, { portfolioId: p[portfolio], key: `scope.${name.toLowerCase()}` })).key;
  }
  await grant(app, p.own, "alice", "CONTRIBUTOR");
  await grant(app, p.other, "alice", "CONTRIBUTOR");
  await grant(app, p.viewed, "alice", "VIEWER");
});

describe("READ_ONLY", () => {
  let token: CreatedToken;
  beforeAll(async () => {
    token = await createToken(app, alice, { scope: "READ_ONLY" });
  });

  it("reads what its creator sees", async () => {
    const q = `{ portfolios(first: 500) { totalCount } metrics(first: 500) { nodes { key } } }`;
    const data = await token.caller.ok(q);
    expect(data).toEqual(await alice.ok(q));
    expect(data.portfolios.totalCount).toBe(4);
  });

  it("is FORBIDDEN every mutation in the schema, recordMeasurements included, and changes nothing", async () => {
    const before = await fingerprint(app, ["api_token"]);
    const mutations = everyMutation(buildAppSchema(), p.own);
    expect(mutations.map((m) => m.name)).toEqual(expect.arrayContaining(["recordMeasurements", "createApiToken", "updatePortfolio"]));
    for (const m of mutations) {
      const res = await token.caller.gql(m.query);
      expect({ mutation: m.name, code: codeOf(res) }).toEqual({ mutation: m.name, code: "FORBIDDEN" });
    }
    expect(codeOf(await token.caller.gql(RECORD, { input: { measurements: items([key.own1]) } }))).toBe("FORBIDDEN");
    expect(await fingerprint(app, ["api_token"])).toEqual(before);
  });
});

describe("WRITE_MEASUREMENTS", () => {
  it("with metric keys: writes only those metrics; others are rejected item by item", async () => {
    const token = await createToken(app, alice, { name: "by-key", scope: "WRITE_MEASUREMENTS", metricKeys: [key.own1, key.viewed, key.hidden] });
    const before = await counts();
    expect(await record(token, ["own1", "own2", "ownChild", "other", "viewed", "hidden"])).toEqual([
      "OK",
      "FORBIDDEN", // alice may, the token may not
      "FORBIDDEN",
      "FORBIDDEN",
      "FORBIDDEN", // named by the token, but alice only views it
      "NOT_FOUND", // named by the token, but alice cannot see it: it does not exist for her
    ]);
    const after = await counts();
    expect(after).toEqual({ ...before, [key.own1]: before[key.own1] + 1 });
    const [row] = await app.dataSource.query(
      "SELECT x.source, x.recorded_by FROM measurement x JOIN metric m ON m.id = x.metric_id WHERE m.key = $1 ORDER BY x.id DESC LIMIT 1",
      [key.own1],
    );
    expect(row).toEqual({ source: "by-key", recorded_by: "by-key" });
  });

  it("with portfolios: writes the metrics of those portfolios and below, nothing else", async () => {
    const token = await createToken(app, alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [p.own] });
    const before = await counts();
    expect(await record(token, ["own1", "own2", "ownChild", "other", "viewed", "hidden"])).toEqual([
      "OK",
      "OK",
      "OK",
      "FORBIDDEN",
      "FORBIDDEN",
      "NOT_FOUND",
    ]);
    const after = await counts();
    expect(after).toEqual({
      ...before,
      [key.own1]: before[key.own1] + 1,
      [key.own2]: before[key.own2] + 1,
      [key.ownChild]: before[key.ownChild] + 1,
    });
  });

  it("an atomic batch with one item outside the scope writes nothing", async () => {
    const token = await createToken(app, alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [p.own] });
    const before = await counts();
    const res = await token.caller.ok(RECORD, { input: { atomic: true, measurements: items([key.own1, key.other]) } });
    expect(res.recordMeasurements).toMatchObject({
      accepted: 0,
      inserted: 0,
      rejected: [{ index: 1, code: "FORBIDDEN", field: "input.measurements.1.metricKey" }],
    });
    expect(await counts()).toEqual(before);
  });

  it("is FORBIDDEN every other mutation", async () => {
    const token = await createToken(app, alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [p.own, p.other] });
    const before = await fingerprint(app, ["api_token", "change"]);
    // recording and retracting (a wrong load) are what such a token is for, within its scope
    const measurementWrites = ["recordMeasurements", "retractMeasurements"];
    for (const m of everyMutation(buildAppSchema(), p.own).filter((x) => !measurementWrites.includes(x.name))) {
      const res = await token.caller.gql(m.query);
      expect({ mutation: m.name, code: codeOf(res) }).toEqual({ mutation: m.name, code: "FORBIDDEN" });
    }
    expect(await fingerprint(app, ["api_token", "change"])).toEqual(before);
  });

  it("retracts measurements within its scope only", async () => {
    const token = await createToken(app, alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [p.own] });
    const observedAt = "2024-06-01T00:00:00.000Z";
    // stored by the admin under both metrics, then retracted through the token
    await app.ok(RECORD, {
      input: { measurements: [key.own1, key.other].map((metricKey) => ({ metricKey, value: 5, observedAt, source: "load" })) },
    });
    const retract = (metricKey: string) =>
      token.caller.ok(`mutation($input: RetractMeasurementsInput!) { retractMeasurements(input: $input) { retracted rejected { code } } }`, {
        input: { reason: "wrong load", measurements: [{ metricKey, observedAt, source: "load" }] },
      });
    expect((await retract(key.own1)).retractMeasurements).toEqual({ retracted: 1, rejected: [] });
    expect((await retract(key.other)).retractMeasurements).toEqual({ retracted: 0, rejected: [{ code: "FORBIDDEN" }] });
  });

  it("follows its creator's roles from one request to the next", async () => {
    const token = await createToken(app, alice, { scope: "WRITE_MEASUREMENTS", portfolioIds: [p.other] });
    expect(await record(token, ["other"])).toEqual(["OK"]);
    await ungrant(app, p.other, "alice");
    expect(await record(token, ["other"])).toEqual(["NOT_FOUND"]);
    await grant(app, p.other, "alice", "VIEWER");
    expect(await record(token, ["other"])).toEqual(["FORBIDDEN"]);
    await grant(app, p.other, "alice", "CONTRIBUTOR");
    expect(await record(token, ["other"])).toEqual(["OK"]);
  });

  it("cannot be given more than its creator has", async () => {
    const create = (input: Record<string, unknown>) => alice.gql(CREATE_TOKEN, { input: { name: "greedy", scope: "WRITE_MEASUREMENTS", ...input } });
    expectError(await create({ portfolioIds: [p.own, p.viewed] }), "FORBIDDEN");
    expectError(await create({ portfolioIds: [p.hidden] }), "NOT_FOUND", "input.portfolioIds.0");
    expectError(await create({}), "BAD_USER_INPUT", "input.metricKeys");
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM api_token WHERE name = 'greedy'");
    expect(n).toBe(0);
  });
});
