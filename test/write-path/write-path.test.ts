import { useTestApp } from "../support/app";
import { captureLog } from "../support/log-capture";
import { createInitiative, createMetric, createPortfolio, expectError } from "../support/factories";
import { createToken, grant, person, post } from "../support/auth-factories";
import { decodeGlobalId } from "../../src/common/global-id";
import { Actor, EntityChange as Change, onChange } from "../../src/database/write";

/**
 * The one write path (src/database/write.ts): every mutation hands its changes to the change
 * hooks, inside the transaction that makes them. The server runs in this process, so a hook
 * registered here sees exactly what the mutations under test write.
 */

const app = useTestApp();

/** What a hook received: the transaction's actor and the change, copied at the time. */
interface Seen {
  actor: Actor;
  change: Change;
}

let seen: Seen[] = [];
let removeRecorder: (() => void) | undefined;

beforeAll(() => {
  removeRecorder = onChange((tx, change) => {
    seen.push(structuredClone({ actor: tx.actor, change }));
  });
});

afterAll(() => removeRecorder?.());

/** Runs `work` and returns it with the changes the hook received meanwhile (and only those). */
async function during<T>(work: () => Promise<T>): Promise<{ result: T; seen: Seen[] }> {
  seen = [];
  const result = await work();
  const got = seen;
  seen = [];
  return { result, seen: got };
}

/** The row key inside a global ID. */
const keyOf = (id: string) => decodeGlobalId(id)!.key;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const BOOTSTRAP = (requestId: string): Actor => ({ kind: "BOOTSTRAP", id: "bootstrap", requestId });

const UPDATE_INITIATIVE = `mutation($input: UpdateInitiativeInput!) {
  updateInitiative(input: $input) { initiative { id name budget stage tags version } }
}`;
const CREATE_PORTFOLIO = `mutation($input: CreatePortfolioInput!) {
  createPortfolio(input: $input) { portfolio { id name description owner budget version archivedAt } }
}`;
const ARCHIVE_PORTFOLIO = `mutation($input: ArchivePortfolioInput!) {
  archivePortfolio(input: $input) { portfolio { id version archivedAt } }
}`;
const RECORD = `mutation($input: RecordMeasurementsInput!) {
  recordMeasurements(input: $input) { accepted inserted updated unchanged rejected { index code field } }
}`;
const ADD_MEMBER = `mutation($input: AddPortfolioMemberInput!) { addPortfolioMember(input: $input) { member { subject role } } }`;
const REMOVE_MEMBER = `mutation($input: RemovePortfolioMemberInput!) { removePortfolioMember(input: $input) { removed } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id name revokedAt } } }`;
const REVOKE_TOKEN = `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id revokedAt } } }`;

async function initiativeRow(id: string) {
  const [row] = await app.dataSource.query("SELECT name, budget, stage, tags, version, updated_at FROM initiative WHERE id = $1", [keyOf(id)]);
  return row;
}

describe("updateInitiative on the write path", () => {
  it("hands the hook one UPDATE with only the changed fields, version 2, and the caller with the request id", async () => {
    const i = await createInitiative(app, { name: "Old name", budget: 100, stage: "PROPOSED", tags: ["crm"] });
    const { result, seen: got } = await during(() =>
      app.gql(
        UPDATE_INITIATIVE,
        // tags are sent with their current value: that is not a change
        { input: { id: i.id, expectedVersion: 1, name: "New name", budget: 250.5, tags: ["crm"] } },
        { "x-request-id": "req-update-1" },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateInitiative.initiative).toEqual({
      id: i.id,
      name: "New name",
      budget: 250.5,
      stage: "PROPOSED",
      tags: ["crm"],
      version: 2,
    });
    expect(got).toEqual([
      {
        actor: BOOTSTRAP("req-update-1"),
        change: {
          entity: "Initiative",
          table: "initiative",
          id: keyOf(i.id),
          operation: "UPDATE",
          version: 2,
          before: { name: "Old name", budget: 100 },
          after: { name: "New name", budget: 250.5 },
        },
      },
    ]);
  });

  it("records a person as PERSON with their subject, and a generated request id when the given one is not acceptable", async () => {
    const p = await createPortfolio(app);
    const i = await createInitiative(app, { portfolioId: p.id, owner: "Ann" });
    await grant(app, p.id, "olivia", "OWNER");
    const olivia = await person(app, "olivia");
    const { result, seen: got } = await during(() =>
      post(
        app,
        { query: UPDATE_INITIATIVE, variables: { input: { id: i.id, owner: null } } },
        { authorization: `Bearer ${olivia.token}`, "x-request-id": "no spaces allowed" },
      ),
    );
    expect(result.body.errors).toBeUndefined();
    const requestId = result.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(got).toEqual([
      {
        actor: { kind: "PERSON", id: "olivia", requestId },
        change: {
          entity: "Initiative",
          table: "initiative",
          id: keyOf(i.id),
          operation: "UPDATE",
          version: 2,
          before: { owner: "Ann" },
          after: { owner: null },
        },
      },
    ]);
  });

  it("writes nothing for an update that changes nothing: no change, same version, same updated_at", async () => {
    const i = await createInitiative(app, { name: "Steady", budget: 70, tags: ["a", "b"] });
    const before = await initiativeRow(i.id);
    const { result, seen: got } = await during(() =>
      app.gql(UPDATE_INITIATIVE, { input: { id: i.id, expectedVersion: 1, name: "Steady", budget: 70, tags: ["a", "b"] } }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateInitiative.initiative).toEqual({ id: i.id, name: "Steady", budget: 70, stage: "IDEA", tags: ["a", "b"], version: 1 });
    expect(got).toEqual([]);
    expect(await initiativeRow(i.id)).toEqual(before);
    expect(before).toMatchObject({ name: "Steady", budget: 70, version: 1 });
  });

  it("writes nothing when the values differ only as sent: a budget the column rounds, or null tags that are already empty", async () => {
    const i = await createInitiative(app, { name: "Rounded", budget: 100 });
    const before = await initiativeRow(i.id);
    // numeric(18,2) stores 100.001 as 100: no change as stored
    const rounded = await during(() => app.gql(UPDATE_INITIATIVE, { input: { id: i.id, budget: 100.001 } }));
    expect(rounded.result.errors).toBeUndefined();
    expect(rounded.result.data.updateInitiative.initiative).toMatchObject({ budget: 100, version: 1 });
    expect(rounded.seen).toEqual([]);
    // tags: null means [] (onNull), and they are [] already
    const cleared = await during(() => app.gql(UPDATE_INITIATIVE, { input: { id: i.id, tags: null } }));
    expect(cleared.result.errors).toBeUndefined();
    expect(cleared.result.data.updateInitiative.initiative).toMatchObject({ tags: [], version: 1 });
    expect(cleared.seen).toEqual([]);
    expect(await initiativeRow(i.id)).toEqual(before);
    // a rounded value that does differ is written, as stored
    const changed = await during(() => app.gql(UPDATE_INITIATIVE, { input: { id: i.id, budget: 100.006 } }));
    expect(changed.result.data.updateInitiative.initiative).toMatchObject({ budget: 100.01, version: 2 });
    expect(changed.seen.map((c) => [c.change.before, c.change.after])).toEqual([[{ budget: 100 }, { budget: 100.01 }]]);
  });

  it("refuses a stale expectedVersion with CONFLICT: the hook receives nothing and the row is unchanged", async () => {
    const i = await createInitiative(app, { name: "First", budget: 1 });
    await app.ok(UPDATE_INITIATIVE, { input: { id: i.id, expectedVersion: 1, name: "Second" } });
    const before = await initiativeRow(i.id);
    expect(before).toMatchObject({ name: "Second", budget: 1, version: 2 });
    const { result, seen: got } = await during(() =>
      app.gql(UPDATE_INITIATIVE, { input: { id: i.id, expectedVersion: 1, name: "Third", budget: 2 } }),
    );
    const error = expectError(result, "CONFLICT", "input.expectedVersion");
    expect(error.message).toBe("Initiative was changed by someone else: expected version 1, it is now 2");
    expect(result.data).toBeNull();
    expect(got).toEqual([]);
    expect(await initiativeRow(i.id)).toEqual(before);
  });
});

describe("a hook that throws", () => {
  let removeFailing: (() => void) | undefined;
  let log: ReturnType<typeof captureLog>;

  beforeEach(() => {
    log = captureLog();
  });

  afterEach(() => {
    removeFailing?.();
    removeFailing = undefined;
    log.stop();
  });

  it("fails the mutation (masked INTERNAL_SERVER_ERROR) and rolls the update back: it runs in the same transaction", async () => {
    const i = await createInitiative(app, { name: "Kept", budget: 10 });
    const before = await initiativeRow(i.id);
    const insideTx: Array<{ name: string; version: number }> = [];
    removeFailing = onChange(async (tx, change) => {
      // the transaction already sees the update; the pool outside it does not
      const [row] = await tx.query<{ name: string; version: number }>("SELECT name, version FROM initiative WHERE id = $1", [change.id]);
      insideTx.push(row);
      throw new Error("hook refused the change");
    });
    const { result, seen: got } = await during(() =>
      app.gql(UPDATE_INITIATIVE, { input: { id: i.id, name: "Lost", budget: 20 } }, { "x-request-id": "req-hook-fails" }),
    );
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      {
        message: "Internal server error (request id req-hook-fails)",
        locations: [{ line: 2, column: 3 }],
        path: ["updateInitiative"],
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-hook-fails" },
      },
    ]);
    // the recorder (registered first) saw the change, the failing hook saw the row as updated…
    expect(got.map((s) => [s.change.entity, s.change.operation, s.change.version])).toEqual([["Initiative", "UPDATE", 2]]);
    expect(insideTx).toEqual([{ name: "Lost", version: 2 }]);
    // …and nothing of it was committed
    expect(await initiativeRow(i.id)).toEqual(before);
    expect(before).toMatchObject({ name: "Kept", budget: 10, version: 1 });
    // the real error went to the log, under the request id, and not to the client
    expect(log.lines.filter((line) => line.includes('"requestId":"req-hook-fails"') && line.includes("hook refused the change"))).toHaveLength(1);
  });

  it("fails a create and inserts nothing", async () => {
    removeFailing = onChange(() => {
      throw new Error("no creates today");
    });
    const res = await app.gql(CREATE_PORTFOLIO, { input: { name: "Never stored" } }, { "x-request-id": "req-create-fails" });
    expect(res.data).toBeNull();
    expect(res.errors!.map((e) => e.extensions)).toEqual([{ code: "INTERNAL_SERVER_ERROR", requestId: "req-create-fails" }]);
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio WHERE name = 'Never stored'");
    expect(n).toBe(0);
  });
});

describe("portfolios on the write path", () => {
  it("createPortfolio hands over one CREATE with version 1 and every column of the new row", async () => {
    const parent = await createPortfolio(app);
    const input = { name: "Cloud", description: "Everything cloud", owner: "CTO", budget: 1234.5, parentId: parent.id };
    const { result, seen: got } = await during(() => app.gql(CREATE_PORTFOLIO, { input }, { "x-request-id": "req-create-p" }));
    expect(result.errors).toBeUndefined();
    const created = result.data.createPortfolio.portfolio;
    expect(created).toEqual({
      id: expect.any(String),
      name: "Cloud",
      description: "Everything cloud",
      owner: "CTO",
      budget: 1234.5,
      version: 1,
      archivedAt: null,
    });
    const [row] = await app.dataSource.query("SELECT created_at, updated_at FROM portfolio WHERE id = $1", [keyOf(created.id)]);
    expect(got).toEqual([
      {
        actor: BOOTSTRAP("req-create-p"),
        change: {
          entity: "Portfolio",
          table: "portfolio",
          id: keyOf(created.id),
          operation: "CREATE",
          version: 1,
          before: null,
          after: {
            rowId: keyOf(created.id),
            name: "Cloud",
            description: "Everything cloud",
            owner: "CTO",
            parentId: keyOf(parent.id),
            budget: 1234.5,
            archivedAt: null,
            version: 1,
            createdAt: iso(row.created_at),
            updatedAt: iso(row.updated_at),
          },
        },
      },
    ]);
  });

  it("archivePortfolio is an ARCHIVE change, restoring it a RESTORE; archiving twice changes nothing", async () => {
    const p = await createPortfolio(app);
    const rowId = keyOf(p.id);
    const archived = await during(() => app.gql(ARCHIVE_PORTFOLIO, { input: { id: p.id, expectedVersion: 1 } }, { "x-request-id": "req-archive" }));
    expect(archived.result.errors).toBeUndefined();
    const [{ archived_at }] = await app.dataSource.query("SELECT archived_at FROM portfolio WHERE id = $1", [rowId]);
    expect(archived_at).toBeInstanceOf(Date);
    expect(archived.result.data.archivePortfolio.portfolio).toEqual({ id: p.id, version: 2, archivedAt: iso(archived_at) });
    expect(archived.seen).toEqual([
      {
        actor: BOOTSTRAP("req-archive"),
        change: {
          entity: "Portfolio",
          table: "portfolio",
          id: rowId,
          operation: "ARCHIVE",
          version: 2,
          before: { archivedAt: null },
          after: { archivedAt: iso(archived_at) },
        },
      },
    ]);

    const again = await during(() => app.gql(ARCHIVE_PORTFOLIO, { input: { id: p.id } }));
    expect(again.result.data.archivePortfolio.portfolio).toEqual({ id: p.id, version: 2, archivedAt: iso(archived_at) });
    expect(again.seen).toEqual([]);

    const restored = await during(() =>
      app.gql(ARCHIVE_PORTFOLIO, { input: { id: p.id, archived: false, expectedVersion: 2 } }, { "x-request-id": "req-restore" }),
    );
    expect(restored.result.data.archivePortfolio.portfolio).toEqual({ id: p.id, version: 3, archivedAt: null });
    expect(restored.seen).toEqual([
      {
        actor: BOOTSTRAP("req-restore"),
        change: {
          entity: "Portfolio",
          table: "portfolio",
          id: rowId,
          operation: "RESTORE",
          version: 3,
          before: { archivedAt: iso(archived_at) },
          after: { archivedAt: null },
        },
      },
    ]);
  });
});

describe("recordMeasurements on the write path", () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 0, minute)).toISOString();

  it("hands over one RECORD change per call that writes, with the call's counts as its summary", async () => {
    const p = await createPortfolio(app);
    const m1 = await createMetric(app, { portfolioId: p.id });
    const m2 = await createMetric(app, { portfolioId: p.id });
    const metricIds = [keyOf(m1.id), keyOf(m2.id)].sort();

    const first = await during(() =>
      app.gql(RECORD, { input: { measurements: [{ metricKey: m1.key, value: 1, observedAt: at(0) }] } }, { "x-request-id": "req-record-1" }),
    );
    expect(first.result.data.recordMeasurements).toEqual({ accepted: 1, inserted: 1, updated: 0, unchanged: 0, rejected: [] });
    expect(first.seen).toEqual([
      {
        actor: BOOTSTRAP("req-record-1"),
        change: {
          entity: "Measurement",
          table: "measurement",
          id: "req-record-1",
          operation: "RECORD",
          version: null,
          before: null,
          after: null,
          summary: { accepted: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0, metricKeys: [m1.key] },
        },
      },
    ]);

    // 3 items: two new, and the first call's item again with another value (a correction)
    const second = await during(() =>
      app.gql(
        RECORD,
        {
          input: {
            measurements: [
              { metricKey: m1.key, value: 2, observedAt: at(1) },
              { metricId: m2.id, value: 3, observedAt: at(0) },
              { metricKey: m1.key, value: 1.5, observedAt: at(0) },
            ],
          },
        },
        { "x-request-id": "req-record-2" },
      ),
    );
    expect(second.result.data.recordMeasurements).toEqual({ accepted: 3, inserted: 2, updated: 1, unchanged: 0, rejected: [] });
    expect(second.seen).toEqual([
      {
        actor: BOOTSTRAP("req-record-2"),
        change: {
          entity: "Measurement",
          table: "measurement",
          id: "req-record-2",
          operation: "RECORD",
          version: null,
          before: null,
          after: null,
          summary: { accepted: 3, inserted: 2, updated: 1, unchanged: 0, rejected: 0, metricKeys: [m1.key, m2.key].sort() },
        },
      },
    ]);

    // an item already stored with the same value, and an unknown key
    const third = await during(() =>
      app.gql(
        RECORD,
        {
          input: {
            measurements: [
              { metricKey: m2.key, value: 3, observedAt: at(0) },
              { metricKey: "write-path.no-such-metric", value: 1, observedAt: at(0) },
            ],
          },
        },
        { "x-request-id": "req-record-3" },
      ),
    );
    expect(third.result.data.recordMeasurements).toEqual({
      accepted: 1,
      inserted: 0,
      updated: 0,
      unchanged: 1,
      rejected: [{ index: 1, code: "NOT_FOUND", field: "input.measurements.1.metricKey" }],
    });
    // a call that writes nothing (a retry) records no change
    expect(third.seen).toEqual([]);

    const stored = await app.dataSource.query(
      "SELECT metric_id, value FROM measurement WHERE metric_id = ANY($1::uuid[]) ORDER BY metric_id, observed_at",
      [metricIds],
    );
    expect(stored.map((r: { value: number }) => r.value)).toEqual(keyOf(m1.id) < keyOf(m2.id) ? [1.5, 2, 3] : [3, 1.5, 2]);
  });

  it("hands over nothing when every item is rejected", async () => {
    const { result, seen: got } = await during(() =>
      app.gql(RECORD, { input: { measurements: [{ metricKey: "write-path.missing", value: 1, observedAt: at(0) }] } }),
    );
    expect(result.data.recordMeasurements).toEqual({
      accepted: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: [{ index: 0, code: "NOT_FOUND", field: "input.measurements.0.metricKey" }],
    });
    expect(got).toEqual([]);
  });

  it("records an API token as TOKEN with the token's row id", async () => {
    const p = await createPortfolio(app);
    const m = await createMetric(app, { portfolioId: p.id });
    await grant(app, p.id, "scripter", "CONTRIBUTOR");
    const token = await createToken(app, await person(app, "scripter"), { scope: "WRITE_MEASUREMENTS", metricKeys: [m.key] });
    const { result, seen: got } = await during(() =>
      token.caller.gql(RECORD, { input: { measurements: [{ metricKey: m.key, value: 9, observedAt: at(5) }] } }, { "x-request-id": "req-token" }),
    );
    expect(result.data.recordMeasurements).toEqual({ accepted: 1, inserted: 1, updated: 0, unchanged: 0, rejected: [] });
    expect(got.map((s) => s.actor)).toEqual([{ kind: "TOKEN", id: keyOf(token.id), requestId: "req-token" }]);
  });
});

describe("memberships and API tokens on the write path", () => {
  it("addPortfolioMember is a CREATE of a PortfolioMember, a role change an UPDATE, removePortfolioMember a DELETE", async () => {
    const p = await createPortfolio(app);
    const portfolioId = keyOf(p.id);
    const added = await during(() =>
      app.gql(ADD_MEMBER, { input: { portfolioId: p.id, subject: "mia", role: "VIEWER" } }, { "x-request-id": "req-add" }),
    );
    expect(added.result.data.addPortfolioMember.member).toEqual({ subject: "mia", role: "VIEWER" });
    const [row] = await app.dataSource.query("SELECT id, created_at FROM portfolio_member WHERE portfolio_id = $1 AND subject = 'mia'", [
      portfolioId,
    ]);
    const values = { id: row.id, portfolioId, subject: "mia", role: "VIEWER", createdAt: iso(row.created_at), createdBy: "bootstrap" };
    expect(added.seen).toEqual([
      {
        actor: BOOTSTRAP("req-add"),
        change: { entity: "PortfolioMember", table: "portfolio_member", id: row.id, operation: "CREATE", version: null, before: null, after: values },
      },
    ]);

    const promoted = await during(() => app.gql(ADD_MEMBER, { input: { portfolioId: p.id, subject: "mia", role: "OWNER" } }));
    expect(promoted.seen.map((s) => s.change)).toEqual([
      {
        entity: "PortfolioMember",
        table: "portfolio_member",
        id: row.id,
        operation: "UPDATE",
        version: null,
        before: { role: "VIEWER" },
        after: { role: "OWNER" },
      },
    ]);

    const removed = await during(() => app.gql(REMOVE_MEMBER, { input: { portfolioId: p.id, subject: "mia" } }, { "x-request-id": "req-remove" }));
    expect(removed.result.data.removePortfolioMember).toEqual({ removed: true });
    expect(removed.seen).toEqual([
      {
        actor: BOOTSTRAP("req-remove"),
        change: {
          entity: "PortfolioMember",
          table: "portfolio_member",
          id: row.id,
          operation: "DELETE",
          version: null,
          before: { ...values, role: "OWNER" },
          after: null,
        },
      },
    ]);
    const [{ n }] = await app.dataSource.query("SELECT count(*)::int AS n FROM portfolio_member WHERE portfolio_id = $1", [portfolioId]);
    expect(n).toBe(0);

    const again = await during(() => app.gql(REMOVE_MEMBER, { input: { portfolioId: p.id, subject: "mia" } }));
    expect(again.result.data.removePortfolioMember).toEqual({ removed: false });
    expect(again.seen).toEqual([]);
  });

  it("createApiToken is a CREATE of an ApiToken, revokeApiToken an UPDATE of revokedAt; revoking twice changes nothing", async () => {
    const ada = await person(app, "ada", { admin: true });
    const created = await during(() =>
      ada.gql(CREATE_TOKEN, { input: { name: "nightly export", scope: "READ_ONLY" } }, { "x-request-id": "req-token-create" }),
    );
    expect(created.result.errors).toBeUndefined();
    const tokenId = keyOf(created.result.data.createApiToken.apiToken.id);
    const [row] = await app.dataSource.query("SELECT prefix, secret_hash, created_at FROM api_token WHERE id = $1", [tokenId]);
    expect(created.result.data.createApiToken.secret.startsWith(row.prefix)).toBe(true);
    expect(created.seen).toEqual([
      {
        actor: { kind: "PERSON", id: "ada", requestId: "req-token-create" },
        change: {
          entity: "ApiToken",
          table: "api_token",
          id: tokenId,
          operation: "CREATE",
          version: null,
          before: null,
          after: {
            rowId: tokenId,
            name: "nightly export",
            prefix: row.prefix,
            secretHash: row.secret_hash,
            scope: "READ_ONLY",
            metricKeys: [],
            portfolioIds: [],
            createdBy: "ada",
            createdByAdmin: true,
            createdAt: iso(row.created_at),
            expiresAt: null,
            revokedAt: null,
            lastUsedAt: null,
          },
        },
      },
    ]);

    const revoked = await during(() =>
      ada.gql(REVOKE_TOKEN, { input: { id: created.result.data.createApiToken.apiToken.id } }, { "x-request-id": "req-token-revoke" }),
    );
    expect(revoked.result.errors).toBeUndefined();
    const [{ revoked_at }] = await app.dataSource.query("SELECT revoked_at FROM api_token WHERE id = $1", [tokenId]);
    expect(revoked_at).toBeInstanceOf(Date);
    expect(revoked.result.data.revokeApiToken.apiToken.revokedAt).toBe(iso(revoked_at));
    expect(revoked.seen).toEqual([
      {
        actor: { kind: "PERSON", id: "ada", requestId: "req-token-revoke" },
        change: {
          entity: "ApiToken",
          table: "api_token",
          id: tokenId,
          operation: "UPDATE",
          version: null,
          before: { revokedAt: null },
          after: { revokedAt: iso(revoked_at) },
        },
      },
    ]);

    const again = await during(() => ada.gql(REVOKE_TOKEN, { input: { id: created.result.data.createApiToken.apiToken.id } }));
    expect(again.result.data.revokeApiToken.apiToken.revokedAt).toBe(iso(revoked_at));
    expect(again.seen).toEqual([]);
  });
});
