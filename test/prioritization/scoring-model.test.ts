/**
 * Scoring inputs on Initiative and custom scoring models through GraphQL: every validation
 * on create and update, null clearing, model versions (and the version a ranking names),
 * setInitiativeScores, and who may change them.
 */
import { useTestApp } from "../support/app";
import { createPortfolio, expectError } from "../support/factories";
import { customScore } from "../../src/prioritization/scoring";
import { member, outsider, rankingOf, rankingPage, RANKING, rowIdOf, seed, Seed } from "./support";

const app = useTestApp();
let s: Seed;
beforeAll(() => {
  s = seed(app);
});

const SCORING = "businessValue timeCriticality riskReduction jobSize reach impact confidence effort";
const CREATE_INITIATIVE = `mutation($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { id version ${SCORING} } } }`;
const UPDATE_INITIATIVE = `mutation($input: UpdateInitiativeInput!) { updateInitiative(input: $input) { initiative { id version ${SCORING} } } }`;
const MODEL = "id name version createdBy criteria { key name weight min max } portfolio { id }";
const CREATE_MODEL = `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { scoringModel { ${MODEL} } } }`;
const UPDATE_MODEL = `mutation($input: UpdateScoringModelInput!) { updateScoringModel(input: $input) { scoringModel { ${MODEL} } } }`;
const SET_SCORES = `mutation($input: SetInitiativeScoresInput!) {
  setInitiativeScores(input: $input) { initiative { id } scoringModel { version } scores { key value } }
}`;

const FULL = { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 5, reach: 1000, impact: 2, confidence: 0.8, effort: 4 };
const CRITERIA = [
  { key: "value", name: "Value", weight: 2, min: 0, max: 10 },
  { key: "risk", name: "Risk", weight: 1, min: 1, max: 5 },
];

describe("scoring inputs on Initiative", () => {
  let portfolioId: string;
  let initiativeId: string;
  beforeAll(async () => {
    portfolioId = (await createPortfolio(app)).id;
    initiativeId = (await app.ok(CREATE_INITIATIVE, { input: { portfolioId, name: "scored", ...FULL } })).createInitiative.initiative.id;
  });

  const BAD: Array<[string, number, RegExp]> = [
    ...["businessValue", "timeCriticality", "riskReduction", "jobSize"].flatMap((f): Array<[string, number, RegExp]> =>
      [4, 0, 21].map((v) => [f, v, new RegExp(`^input\\.${f} must be one of 1, 2, 3, 5, 8, 13, 20$`)]),
    ),
    ["impact", 0.3, /^input\.impact must be one of 0\.25, 0\.5, 1, 2, 3$/],
    ["impact", 0, /impact must be one of/],
    ["confidence", 1.1, /^input\.confidence must be between 0 and 1$/],
    ["confidence", -0.1, /^input\.confidence must be between 0 and 1$/],
    ["effort", 0, /^input\.effort must be greater than 0$/],
    ["effort", -2, /^input\.effort must be greater than 0$/],
    ["reach", -1, /^input\.reach must be at least 0$/],
  ];

  test.each(BAD)("create with %s = %p → BAD_USER_INPUT naming input.%s", async (field, value, message) => {
    const res = await app.gql(CREATE_INITIATIVE, { input: { portfolioId, name: "bad", ...FULL, [field]: value } });
    expect(expectError(res, "BAD_USER_INPUT", `input.${field}`).message).toMatch(message);
  });

  test.each(BAD)("update with %s = %p → BAD_USER_INPUT naming input.%s, nothing changed", async (field, value) => {
    expectError(await app.gql(UPDATE_INITIATIVE, { input: { id: initiativeId, [field]: value } }), "BAD_USER_INPUT", `input.${field}`);
    const now = await app.ok(`query($id: ID!) { initiative(id: $id) { ${SCORING} } }`, { id: initiativeId });
    expect(now.initiative).toEqual(FULL);
  });

  test("the edges of every range are accepted", async () => {
    const edges = { businessValue: 20, timeCriticality: 1, riskReduction: 13, jobSize: 1, reach: 0, impact: 0.25, confidence: 0, effort: 0.001 };
    const made = (await app.ok(CREATE_INITIATIVE, { input: { portfolioId, name: "edges", ...edges } })).createInitiative.initiative;
    expect(made).toMatchObject(edges);
    const upd = await app.ok(UPDATE_INITIATIVE, { input: { id: made.id, impact: 3, confidence: 1 } });
    expect(upd.updateInitiative.initiative).toMatchObject({ ...edges, impact: 3, confidence: 1 });
  });

  test("null clears an input, omitted ones stay, and the ranking then reports it missing", async () => {
    const p = await createPortfolio(app);
    const made = (await app.ok(CREATE_INITIATIVE, { input: { portfolioId: p.id, name: "clear me", ...FULL } })).createInitiative.initiative;
    expect(made).toMatchObject(FULL);
    const upd = await app.ok(UPDATE_INITIATIVE, { input: { id: made.id, timeCriticality: null, confidence: null } });
    expect(upd.updateInitiative.initiative).toEqual({ ...FULL, id: made.id, version: made.version + 1, timeCriticality: null, confidence: null });
    expect((await rankingOf(app, p.id, { model: "WSJF" }))[0]).toMatchObject({ score: null, missingInputs: ["timeCriticality"] });
    expect((await rankingOf(app, p.id, { model: "RICE" }))[0]).toMatchObject({ score: null, missingInputs: ["confidence"] });
    const back = await app.ok(UPDATE_INITIATIVE, { input: { id: made.id, timeCriticality: 2 } });
    expect(back.updateInitiative.initiative.timeCriticality).toBe(2);
    expect((await rankingOf(app, p.id))[0]).toMatchObject({ rank: 1, score: (8 + 2 + 3) / 5 });
  });
});

describe("custom scoring models", () => {
  test.each<[string, unknown[], RegExp]>([
    ["no criteria", [], /between 1 and 50 criteria \(got 0\)/],
    ["weight 0", [{ ...CRITERIA[0], weight: 0 }], /input\.criteria\.0\.weight must be greater than 0/],
    ["weight −1", [CRITERIA[0], { ...CRITERIA[1], weight: -1 }], /input\.criteria\.1\.weight must be greater than 0/],
    ["min = max", [{ ...CRITERIA[0], min: 5, max: 5 }], /input\.criteria\.0\.max must be greater than min/],
    ["min > max", [{ ...CRITERIA[0], min: 6, max: 5 }], /input\.criteria\.0\.max must be greater than min/],
    ["duplicate keys", [CRITERIA[0], { ...CRITERIA[1], key: "value" }], /input\.criteria\.1\.key "value" is used by another criterion/],
    ["a blank key", [{ ...CRITERIA[0], key: "  " }], /input\.criteria\.0\.key must not be empty/],
    ["51 criteria", Array.from({ length: 51 }, (_, i) => ({ ...CRITERIA[0], key: `k${i}` })), /got 51/],
  ])("createScoringModel with %s → BAD_USER_INPUT", async (_, criteria, message) => {
    const p = await s.portfolio();
    const res = await app.gql(CREATE_MODEL, { input: { portfolioId: p.id, name: "m", criteria } });
    expect(expectError(res, "BAD_USER_INPUT", "input.criteria").message).toMatch(message);
    expect((await app.dataSource.query("SELECT count(*)::int AS n FROM scoring_model WHERE portfolio_id = $1", [p.rowId]))[0].n).toBe(0);
  });

  test.each([
    ["key", "k".repeat(51), "input.criteria.0.key"],
    ["name", "", "input.criteria.1.name"],
    ["name", "n".repeat(201), "input.criteria.1.name"],
  ])("criterion %s of the wrong length (case %#) → BAD_USER_INPUT naming it, on create and update", async (field, value, path) => {
    const p = await s.portfolio();
    const criteria = path.includes(".1.") ? [CRITERIA[0], { ...CRITERIA[1], [field]: value }] : [{ ...CRITERIA[0], [field]: value }];
    expectError(await app.gql(CREATE_MODEL, { input: { portfolioId: p.id, name: "m", criteria } }), "BAD_USER_INPUT", path);
    const model = (await app.ok(CREATE_MODEL, { input: { portfolioId: p.id, name: "m", criteria: CRITERIA } })).createScoringModel.scoringModel;
    expectError(await app.gql(UPDATE_MODEL, { input: { id: model.id, criteria } }), "BAD_USER_INPUT", path);
    expect((await app.ok(`query($id: ID!) { scoringModel(id: $id) { version criteria { name } } }`, { id: model.id })).scoringModel.version).toBe(1);
  });

  test("a model name of 0 or 201 characters → BAD_USER_INPUT", async () => {
    const p = await s.portfolio();
    for (const name of ["", "m".repeat(201)]) {
      expectError(await app.gql(CREATE_MODEL, { input: { portfolioId: p.id, name, criteria: CRITERIA } }), "BAD_USER_INPUT", "input.name");
    }
  });

  test("score = Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ; versions, stale versions, and the version a ranking names", async () => {
    const p = await s.portfolio();
    const [a, b, c] = await s.initiatives(p, [{ name: "a" }, { name: "b" }, { name: "c" }]);
    const created = (await app.ok(CREATE_MODEL, { input: { portfolioId: p.id, name: "Board", criteria: CRITERIA } })).createScoringModel.scoringModel;
    expect(created).toMatchObject({ name: "Board", version: 1, createdBy: "bootstrap", criteria: CRITERIA, portfolio: { id: p.id } });
    const set = (initiativeId: string, scores: unknown[]) => app.gql(SET_SCORES, { input: { initiativeId, scoringModelId: created.id, scores } });
    const res = await set(a.id, [
      { key: "value", value: 7 },
      { key: "risk", value: 4 },
    ]);
    expect(res.data!.setInitiativeScores).toEqual({
      initiative: { id: a.id },
      scoringModel: { version: 1 },
      scores: [
        { key: "value", value: 7 },
        { key: "risk", value: 4 },
      ],
    });
    await set(b.id, [
      { key: "value", value: 10 },
      { key: "risk", value: 1 },
    ]); // scale bounds are allowed
    await set(c.id, [{ key: "value", value: 0 }]); // risk missing
    const custom = { model: "CUSTOM", sm: created.id };
    const page1 = await rankingPage(app, p.id, { ...custom, first: 10 });
    expect(page1.scoringModelVersion).toBe(1);
    // a: (2·0.7 + 1·0.75) / 3 = 2.15 / 3; b: (2·1 + 1·0) / 3 = 2/3; c: unscored
    expect(page1.edges.map((e) => [e.node.initiative.name, e.node.rank, e.node.score, e.node.missingInputs])).toEqual([
      ["a", 1, customScore(CRITERIA, { value: 7, risk: 4 }).score, []],
      ["b", 2, 2 / 3, []],
      ["c", null, null, ["risk"]],
    ]);
    expect(page1.edges[0].node.score).toBeCloseTo(2.15 / 3, 12);
    expect(page1.edges[2].node.inputs).toEqual([
      { name: "value", value: 0 },
      { name: "risk", value: null },
    ]);

    // version 2: risk weighs 3, so a = (2·0.7 + 3·0.75) / 5 = 0.73 and b = (2·1 + 3·0) / 5 = 0.4
    const v2 = (await app.ok(UPDATE_MODEL, { input: { id: created.id, expectedVersion: 1, criteria: [CRITERIA[0], { ...CRITERIA[1], weight: 3 }] } }))
      .updateScoringModel.scoringModel;
    expect(v2).toMatchObject({ version: 2, name: "Board" });
    const stale = await app.gql(UPDATE_MODEL, { input: { id: created.id, expectedVersion: 1, name: "Late" } });
    expectError(stale, "CONFLICT", "input.expectedVersion");
    const page2 = await rankingPage(app, p.id, { ...custom, first: 10 });
    expect(page2.scoringModelVersion).toBe(2);
    expect(page2.edges.map((e) => e.node.score)).toEqual([(2 * 0.7 + 3 * 0.75) / 5, 2 / 5, null]);

    // version 3 adds a criterion: every initiative is unscored until it gets a value
    const v3 = [...v2.criteria, { key: "reach", name: "Reach", weight: 1, min: 0, max: 100 }];
    expect((await app.ok(UPDATE_MODEL, { input: { id: created.id, criteria: v3 } })).updateScoringModel.scoringModel.version).toBe(3);
    const page3 = await rankingPage(app, p.id, { ...custom, first: 10 });
    expect([page3.scoringModelVersion, page3.scoredCount]).toEqual([3, 0]);
    expect(page3.edges.map((e) => [e.node.initiative.name, e.node.missingInputs])).toEqual([
      ["a", ["reach"]],
      ["b", ["reach"]],
      ["c", ["risk", "reach"]],
    ]);
    await set(b.id, [{ key: "reach", value: 50 }]);
    expect((await rankingOf(app, p.id, custom)).map((e) => [e.initiative.name, e.rank, e.score])).toEqual([
      ["b", 1, (2 * 1 + 3 * 0 + 1 * 0.5) / 6],
      ["a", null, null],
      ["c", null, null],
    ]);
    const versions = await app.dataSource.query("SELECT version FROM scoring_model_version WHERE model_id = $1 ORDER BY version", [
      rowIdOf(created.id),
    ]);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
  });

  test("setInitiativeScores: unknown key, value off the scale, a key twice → BAD_USER_INPUT; null clears", async () => {
    const p = await s.portfolio();
    const [a] = await s.initiatives(p, [{ name: "a" }]);
    const model = (await app.ok(CREATE_MODEL, { input: { portfolioId: p.id, name: "m", criteria: CRITERIA } })).createScoringModel.scoringModel;
    const set = (scores: unknown[]) => app.gql(SET_SCORES, { input: { initiativeId: a.id, scoringModelId: model.id, scores } });
    expectError(await set([{ key: "nope", value: 1 }]), "BAD_USER_INPUT", "input.scores.0.key");
    expectError(await set([{ key: "value", value: 10.01 }]), "BAD_USER_INPUT", "input.scores.0.value");
    expectError(
      await set([
        { key: "value", value: 5 },
        { key: "risk", value: 0.99 },
      ]),
      "BAD_USER_INPUT",
      "input.scores.1.value",
    );
    expectError(
      await set([
        { key: "value", value: 5 },
        { key: "value", value: 6 },
      ]),
      "BAD_USER_INPUT",
      "input.scores.1.key",
    );
    expect(
      (
        await set([
          { key: "value", value: 5 },
          { key: "risk", value: 5 },
        ])
      ).data!.setInitiativeScores.scores,
    ).toEqual([
      { key: "value", value: 5 },
      { key: "risk", value: 5 },
    ]);
    expect((await rankingOf(app, p.id, { model: "CUSTOM", sm: model.id }))[0].score).toBe((2 * 0.5 + 1 * 1) / 3);
    expect((await set([{ key: "risk", value: null }])).data!.setInitiativeScores.scores).toEqual([
      { key: "value", value: 5 },
      { key: "risk", value: null },
    ]);
    expect((await rankingOf(app, p.id, { model: "CUSTOM", sm: model.id }))[0]).toMatchObject({ rank: null, score: null, missingInputs: ["risk"] });
  });

  test("CUSTOM needs a scoring model it can see", async () => {
    const p = await s.portfolio();
    expectError(await app.gql(RANKING, { id: p.id, model: "CUSTOM" }), "BAD_USER_INPUT", "scoringModelId");
    const other = await s.portfolio();
    const model = (await app.ok(CREATE_MODEL, { input: { portfolioId: other.id, name: "m", criteria: CRITERIA } })).createScoringModel.scoringModel;
    const viewer = await member(app, p.id, "VIEWER");
    expectError(await viewer.gql(RANKING, { id: p.id, model: "CUSTOM", sm: model.id }), "NOT_FOUND", "scoringModelId");
  });
});

describe("who may change models and scores", () => {
  test("a VIEWER or CONTRIBUTOR reads a CUSTOM ranking but gets FORBIDDEN for createScoringModel, updateScoringModel, setInitiativeScores; an OWNER may", async () => {
    const p = await s.portfolio();
    const [a] = await s.initiatives(p, [{ name: "a" }]);
    const model = (await app.ok(CREATE_MODEL, { input: { portfolioId: p.id, name: "m", criteria: CRITERIA } })).createScoringModel.scoringModel;
    const scores = {
      initiativeId: a.id,
      scoringModelId: model.id,
      scores: [
        { key: "value", value: 1 },
        { key: "risk", value: 1 },
      ],
    };
    for (const role of ["VIEWER", "CONTRIBUTOR"] as const) {
      const who = await member(app, p.id, role);
      expect((await rankingOf(who, p.id, { model: "CUSTOM", sm: model.id })).length).toBe(1);
      expectError(await who.gql(CREATE_MODEL, { input: { portfolioId: p.id, name: "x", criteria: CRITERIA } }), "FORBIDDEN");
      expectError(await who.gql(UPDATE_MODEL, { input: { id: model.id, name: "x" } }), "FORBIDDEN");
      expectError(await who.gql(SET_SCORES, { input: scores }), "FORBIDDEN");
      expectError(await who.gql(UPDATE_INITIATIVE, { input: { id: a.id, businessValue: 3 } }), "FORBIDDEN");
    }
    const owner = await member(app, p.id, "OWNER");
    const mine = (await owner.ok(CREATE_MODEL, { input: { portfolioId: p.id, name: "mine", criteria: CRITERIA } })).createScoringModel.scoringModel;
    expect(mine).toMatchObject({ version: 1, createdBy: owner.subject });
    expect((await owner.ok(UPDATE_MODEL, { input: { id: model.id, name: "renamed" } })).updateScoringModel.scoringModel).toMatchObject({
      name: "renamed",
      version: 2,
    });
    expect((await owner.ok(SET_SCORES, { input: scores })).setInitiativeScores.scores).toHaveLength(2);
    expect((await owner.ok(UPDATE_INITIATIVE, { input: { id: a.id, businessValue: 3 } })).updateInitiative.initiative.businessValue).toBe(3);
  });

  test("someone without access: NOT_FOUND for the portfolio and the model, null for scoringModel(id)", async () => {
    const p = await s.portfolio();
    const model = (await app.ok(CREATE_MODEL, { input: { portfolioId: p.id, name: "m", criteria: CRITERIA } })).createScoringModel.scoringModel;
    const stranger = await outsider(app);
    expectError(await stranger.gql(CREATE_MODEL, { input: { portfolioId: p.id, name: "x", criteria: CRITERIA } }), "NOT_FOUND", "input.portfolioId");
    expectError(await stranger.gql(UPDATE_MODEL, { input: { id: model.id, name: "x" } }), "NOT_FOUND", "input.id");
    expect((await stranger.ok(`query($id: ID!) { scoringModel(id: $id) { id } }`, { id: model.id })).scoringModel).toBeNull();
    expect((await app.ok(`query($id: ID!) { scoringModel(id: $id) { name } }`, { id: model.id })).scoringModel).toEqual({ name: "m" });
  });
});
