import { useTestApp } from "../support/app";
import { createInitiative, createMetric, createPortfolio, expectError } from "../support/factories";
import { createToken, grant, person } from "../support/auth-factories";

/**
 * The change log (src/history): every change on the write path is a row of `change`, read
 * through `history` on each changeable node and the auditors' root `changes` list.
 */

const app = useTestApp();

const HISTORY = `query($id: ID!) {
  initiative(id: $id) {
    history {
      totalCount
      nodes { id entity entityId version operation requestId at actor { kind id } fields { field before after } summary }
    }
  }
}`;
const UPDATE = `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { version } } }`;
const CHANGES = `query($filter: ChangeFilter, $first: Int, $after: String) {
  changes(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { entity entityId operation actor { kind id } fields { field before after } summary }
  }
}`;

describe("history of a node", () => {
  it("lists every change newest first, with the actor, the request id and each field before and after", async () => {
    const i = await createInitiative(app, { name: "Ledger", budget: 100, tags: ["a"] });
    await app.ok(UPDATE, { input: { id: i.id, budget: 150, name: "Ledger 2" } }, { "x-request-id": "req-history-1" });
    await app.ok(UPDATE, { input: { id: i.id, tags: null } }, { "x-request-id": "req-history-2" });
    const data = await app.ok(HISTORY, { id: i.id });
    const { totalCount, nodes } = data.initiative.history;
    expect(totalCount).toBe(3);
    expect(nodes.map((n: any) => [n.operation, n.version, n.requestId])).toEqual([
      ["UPDATE", 3, "req-history-2"],
      ["UPDATE", 2, "req-history-1"],
      ["CREATE", 1, expect.any(String)],
    ]);
    expect(nodes.every((n: any) => n.entity === "Initiative" && n.entityId === i.id)).toBe(true);
    expect(nodes.every((n: any) => n.actor.kind === "BOOTSTRAP" && n.actor.id === "bootstrap")).toBe(true);
    expect(nodes[0].fields).toEqual([{ field: "tags", before: ["a"], after: [] }]);
    expect(nodes[1].fields).toEqual([
      { field: "budget", before: 100, after: 150 },
      { field: "name", before: "Ledger", after: "Ledger 2" },
    ]);
    const created = Object.fromEntries(nodes[2].fields.map((f: any) => [f.field, f]));
    expect(created.name).toEqual({ field: "name", before: null, after: "Ledger" });
    expect(created.budget).toEqual({ field: "budget", before: null, after: 100 });
    expect(created.version).toEqual({ field: "version", before: null, after: 1 });
    // newest first in time, and no change after a no-op update
    await app.ok(UPDATE, { input: { id: i.id, budget: 150 } });
    expect((await app.ok(HISTORY, { id: i.id })).initiative.history.totalCount).toBe(3);
  });

  it("records a person by subject and an API token by its global ID", async () => {
    const p = await createPortfolio(app);
    await grant(app, p.id, "alice", "OWNER");
    const alice = await person(app, "alice");
    const i = await createInitiative(app, { portfolioId: p.id });
    await alice.ok(UPDATE, { input: { id: i.id, owner: "Alice" } });
    const metric = await createMetric(app, { portfolioId: p.id });
    const token = await createToken(app, alice, { scope: "WRITE_MEASUREMENTS", metricKeys: [metric.key] });
    await token.caller.ok(`mutation($input: RecordMeasurementsInput!) { recordMeasurements(input: $input) { inserted } }`, {
      input: { measurements: [{ metricKey: metric.key, value: 1, observedAt: "2026-01-02T00:00:00Z" }] },
    });
    const own = await app.ok(HISTORY, { id: i.id });
    expect(own.initiative.history.nodes[0].actor).toEqual({ kind: "PERSON", id: "alice" });
    const records = await app.ok(CHANGES, { filter: { entityTypes: ["Measurement"], actor: token.id } });
    expect(records.changes.totalCount).toBe(1);
    expect(records.changes.nodes[0]).toMatchObject({
      entity: "Measurement",
      entityId: null,
      operation: "RECORD",
      actor: { kind: "TOKEN", id: token.id },
      summary: { accepted: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0, metricKeys: [metric.key] },
    });
    // the batch belongs to the metric's portfolio: its OWNER audits it too
    const asOwner = await alice.ok(CHANGES, { filter: { entityTypes: ["Measurement"] } });
    expect(asOwner.changes.nodes.map((n: any) => n.summary.metricKeys)).toEqual([[metric.key]]);
  });

  it("never records a token's secret hash", async () => {
    const data = await app.ok(`mutation { createApiToken(input: {name: "s", scope: READ_ONLY}) { apiToken { id } } }`);
    const res = await app.ok(CHANGES, { filter: { entityTypes: ["ApiToken"] } });
    const created = res.changes.nodes.find((n: any) => n.operation === "CREATE");
    expect(created.fields.map((f: any) => f.field)).not.toContain("secretHash");
    expect(created.fields.map((f: any) => f.field)).toContain("prefix");
    expect(data.createApiToken.apiToken.id).toBeTruthy();
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM change WHERE (before::text || after::text) ILIKE '%secret%'");
    expect(n).toBe(0);
  });

  it("cannot be edited or deleted", async () => {
    await createPortfolio(app);
    await expect(app.dataSource.query("UPDATE change SET actor_id = 'someone else'")).rejects.toThrow(/never edited/);
    await expect(app.dataSource.query("DELETE FROM change")).rejects.toThrow(/never edited/);
  });
});

describe("changes for auditors", () => {
  it("shows an OWNER the changes of their subtree only, a VIEWER none, an ADMIN all", async () => {
    const root = await createPortfolio(app, { name: "Audit root" });
    const mine = await createPortfolio(app, { name: "Audit mine", parentId: root.id });
    const other = await createPortfolio(app, { name: "Audit other", parentId: root.id });
    await createInitiative(app, { portfolioId: mine.id, name: "Mine 1" });
    await createInitiative(app, { portfolioId: other.id, name: "Other 1" });
    await grant(app, mine.id, "owner-o", "OWNER");
    await grant(app, other.id, "viewer-v", "VIEWER");
    const owner = await person(app, "owner-o");
    const viewer = await person(app, "viewer-v");

    const seenByOwner = await owner.ok(CHANGES, { filter: { entityTypes: ["Initiative", "Portfolio", "PortfolioMember"] } });
    const ids = seenByOwner.changes.nodes.map((n: any) => n.entityId ?? n.entity);
    expect(seenByOwner.changes.nodes.map((n: any) => [n.entity, n.operation])).toEqual([
      ["PortfolioMember", "CREATE"],
      ["Initiative", "CREATE"],
      ["Portfolio", "CREATE"],
    ]);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    expect((await viewer.ok(CHANGES, {})).changes.totalCount).toBe(0);

    const all = await app.ok(CHANGES, { filter: { portfolioId: root.id, entityTypes: ["Initiative"] } });
    expect(all.changes.nodes.map((n: any) => n.fields.find((f: any) => f.field === "name").after).sort()).toEqual(["Mine 1", "Other 1"]);
    // a portfolio the caller cannot see is NOT_FOUND, not an empty list
    expectError(await viewer.gql(CHANGES, { filter: { portfolioId: mine.id } }), "NOT_FOUND", "filter.portfolioId");
  });

  it("pages newest first with keyset cursors and filters by time", async () => {
    const p = await createPortfolio(app);
    const before = new Date();
    for (let k = 0; k < 5; k++) await createInitiative(app, { portfolioId: p.id, name: `Paged ${k}` });
    const filter = { portfolioId: p.id, entityTypes: ["Initiative"], since: before.toISOString() };
    const first = await app.ok(CHANGES, { filter, first: 3 });
    expect(first.changes.totalCount).toBe(5);
    expect(first.changes.pageInfo.hasNextPage).toBe(true);
    const rest = await app.ok(CHANGES, { filter, first: 3, after: first.changes.pageInfo.endCursor });
    const names = [...first.changes.nodes, ...rest.changes.nodes].map((n: any) => n.fields.find((f: any) => f.field === "name").after);
    expect(names).toEqual(["Paged 4", "Paged 3", "Paged 2", "Paged 1", "Paged 0"]);
    expect(rest.changes.pageInfo.hasNextPage).toBe(false);
    const none = await app.ok(CHANGES, { filter: { ...filter, until: before.toISOString() } });
    expect(none.changes.totalCount).toBe(0);
  });
});
