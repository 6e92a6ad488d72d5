import { useTestApp } from "../support/app";
import { expectNoLeak } from "../support/factories";
import { Caller, codeOf, fingerprint, grant, Holding, holding, items, person, RECORD, Role } from "../support/auth-factories";

/**
 * Roles per portfolio, inherited down the tree (issue 4, "Permissions"): every kind of
 * write, tried by each role on a grandchild of the portfolio the role was granted on.
 * VIEWER reads; CONTRIBUTOR also records measurements and edits hypotheses; OWNER also
 * edits the portfolio, its initiatives, metrics and members. Invisible means NOT_FOUND.
 */
const app = useTestApp();

/** R → C → G, and S beside R; each with an initiative, a metric and a hypothesis. */
let R: Holding, C: Holding, G: Holding, S: Holding;
const who: Record<string, Caller> = {};

beforeAll(async () => {
  R = await holding(app, "Root");
  C = await holding(app, "Child", R.portfolio);
  G = await holding(app, "Grandchild", C.portfolio);
  S = await holding(app, "Sibling");
  for (const [sub, role] of [
    ["vera", "VIEWER"],
    ["carl", "CONTRIBUTOR"],
    ["olga", "OWNER"],
  ] as const) {
    await grant(app, R.portfolio, sub, role);
    who[sub] = await person(app, sub);
  }
  await grant(app, G.portfolio, "gina", "VIEWER");
  who.gina = await person(app, "gina");
  who.stan = await person(app, "stan"); // no role anywhere
});

type Attempt = { name: string; needs: Role; run: (c: Caller, t: Holding) => Promise<string> };

let seq = 0;
/** "OK", or the error code (for recordMeasurements, the one item's rejection code). */
async function outcome(c: Caller, query: string, input: Record<string, unknown>): Promise<string> {
  const res = await c.gql(query, { input });
  expectNoLeak(res);
  if (res.errors) return codeOf(res)!;
  return res.data.recordMeasurements?.rejected[0]?.code ?? "OK";
}

/** Every kind of write on a portfolio's things, with the least role it needs. */
const ATTEMPTS: Attempt[] = [
  {
    name: "updatePortfolio",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: UpdatePortfolioInput!) { updatePortfolio(input: $input) { portfolio { id } } }`, {
        id: t.portfolio,
        description: `edit ${++seq}`,
      }),
  },
  {
    name: "archivePortfolio (restore, a no-op)",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: ArchivePortfolioInput!) { archivePortfolio(input: $input) { portfolio { id } } }`, {
        id: t.portfolio,
        archived: false,
      }),
  },
  {
    name: "createPortfolio below it",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: CreatePortfolioInput!) { createPortfolio(input: $input) { portfolio { id } } }`, {
        parentId: t.portfolio,
        name: `Sub ${++seq}`,
      }),
  },
  {
    name: "createInitiative",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { id } } }`, {
        portfolioId: t.portfolio,
        name: `New ${++seq}`,
      }),
  },
  {
    name: "updateInitiative",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { id } } }`, {
        id: t.initiative,
        owner: `o${++seq}`,
      }),
  },
  {
    name: "createMetric",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: CreateMetricInput!) { createMetric(input: $input) { metric { id } } }`, {
        portfolioId: t.portfolio,
        key: `roles.new.${++seq}`,
        name: "New",
        direction: "INCREASE",
      }),
  },
  {
    name: "updateMetric",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: UpdateMetricInput!) { updateMetric(input: $input) { metric { id } } }`, { id: t.metric, unit: `u${++seq}` }),
  },
  {
    name: "addPortfolioMember",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: AddPortfolioMemberInput!) { addPortfolioMember(input: $input) { member { role } } }`, {
        portfolioId: t.portfolio,
        subject: "newcomer",
        role: "VIEWER",
      }),
  },
  {
    name: "removePortfolioMember",
    needs: "OWNER",
    run: (c, t) =>
      outcome(c, `mutation($input: RemovePortfolioMemberInput!) { removePortfolioMember(input: $input) { removed } }`, {
        portfolioId: t.portfolio,
        subject: "newcomer",
      }),
  },
  {
    name: "createOutcomeHypothesis",
    needs: "CONTRIBUTOR",
    run: (c, t) =>
      outcome(c, `mutation($input: CreateOutcomeHypothesisInput!) { createOutcomeHypothesis(input: $input) { outcomeHypothesis { id } } }`, {
        initiativeId: t.initiative,
        metricId: t.metric,
        statement: `s${++seq}`,
        baseline: 1,
        baselineAt: "2025-01-01T00:00:00Z",
        target: 2,
        targetDate: "2026-01-01T00:00:00Z",
      }),
  },
  {
    name: "updateOutcomeHypothesis",
    needs: "CONTRIBUTOR",
    run: (c, t) =>
      outcome(c, `mutation($input: UpdateOutcomeHypothesisInput!) { updateOutcomeHypothesis(input: $input) { outcomeHypothesis { id } } }`, {
        id: t.hypothesis,
        statement: `changed ${++seq}`,
      }),
  },
  { name: "recordMeasurements", needs: "CONTRIBUTOR", run: (c, t) => outcome(c, RECORD, { measurements: items([t.metricKey]) }) },
  {
    name: "createApiToken for the portfolio",
    needs: "CONTRIBUTOR",
    run: (c, t) =>
      outcome(c, `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`, {
        name: "t",
        scope: "WRITE_MEASUREMENTS",
        portfolioIds: [t.portfolio],
      }),
  },
];

const RANK: Record<Role, number> = { VIEWER: 1, CONTRIBUTOR: 2, OWNER: 3 };

async function tryAll(c: Caller, target: Holding): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const a of ATTEMPTS) result[a.name] = await a.run(c, target);
  return result;
}

const expected = (f: (needs: Role) => string) => Object.fromEntries(ATTEMPTS.map((a) => [a.name, f(a.needs)]));

describe("each role, on a grandchild of the portfolio it was granted on", () => {
  it("no role: every write is NOT_FOUND, and nothing changes", async () => {
    const before = await fingerprint(app);
    expect(await tryAll(who.stan, G)).toEqual(expected(() => "NOT_FOUND"));
    expect(await fingerprint(app)).toEqual(before);
  });

  it("VIEWER: every write is FORBIDDEN, and nothing changes", async () => {
    const before = await fingerprint(app);
    expect(await tryAll(who.vera, G)).toEqual(expected(() => "FORBIDDEN"));
    expect(await fingerprint(app)).toEqual(before);
  });

  it("CONTRIBUTOR: hypotheses and measurements (and tokens for them), but not the portfolio, initiatives, metrics or members", async () => {
    expect(await tryAll(who.carl, G)).toEqual(expected((needs) => (RANK[needs] <= RANK.CONTRIBUTOR ? "OK" : "FORBIDDEN")));
  });

  it("OWNER: everything", async () => {
    expect(await tryAll(who.olga, G)).toEqual(expected(() => "OK"));
  });

  it("a role is not inherited upwards: granted on G only, every write on C or R is NOT_FOUND", async () => {
    const before = await fingerprint(app);
    expect(await tryAll(who.gina, C)).toEqual(expected(() => "NOT_FOUND"));
    expect(await tryAll(who.gina, R)).toEqual(expected(() => "NOT_FOUND"));
    expect(await tryAll(who.gina, G)).toEqual(expected(() => "FORBIDDEN"));
    expect(await fingerprint(app)).toEqual(before);
  });

  it("a role on one tree gives nothing on another", async () => {
    expect(await tryAll(who.olga, S)).toEqual(expected(() => "NOT_FOUND"));
  });
});

describe("what needs more than OWNER of a portfolio", () => {
  const MUT = {
    root: `mutation { createPortfolio(input: {name: "Owner's root"}) { portfolio { id } } }`,
    move: `mutation($id: ID!, $parentId: ID) { updatePortfolio(input: {id: $id, parentId: $parentId}) { portfolio { id } } }`,
  };

  it("creating a root or making a portfolio a root needs a global admin (FORBIDDEN)", async () => {
    expect(codeOf(await who.olga.gql(MUT.root))).toBe("FORBIDDEN");
    expect(codeOf(await who.olga.gql(MUT.move, { id: C.portfolio, parentId: null }))).toBe("FORBIDDEN");
  });

  it("moving under a portfolio one cannot see is NOT_FOUND; under one only viewed, FORBIDDEN", async () => {
    expect(codeOf(await who.olga.gql(MUT.move, { id: G.portfolio, parentId: S.portfolio }))).toBe("NOT_FOUND");
    await grant(app, S.portfolio, "olga", "VIEWER");
    expect(codeOf(await who.olga.gql(MUT.move, { id: G.portfolio, parentId: S.portfolio }))).toBe("FORBIDDEN");
    const parent = await app.ok(`query($id: ID!) { portfolio(id: $id) { parent { id } } }`, { id: G.portfolio });
    expect(parent.portfolio.parent.id).toBe(C.portfolio);
  });
});
