import { useTestApp } from "../support/app";
import { createPortfolio, expectError } from "../support/factories";

/** A portfolio is ranked by its own scoring models or those of a portfolio above it. */
const app = useTestApp();

const CREATE_MODEL = `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { scoringModel { id } } }`;
const RANKING = `query($id: ID!, $model: ID!) { portfolio(id: $id) { ranking(model: CUSTOM, scoringModelId: $model) { scoringModelVersion totalCount } } }`;

it("accepts a model of the portfolio or an ancestor, and refuses one of a sibling", async () => {
  const root = await createPortfolio(app);
  const child = await createPortfolio(app, { parentId: root.id });
  const sibling = await createPortfolio(app, { parentId: root.id });
  const criteria = [{ key: "fit", name: "Strategic fit", weight: 1, min: 0, max: 10 }];
  const model = async (portfolioId: string) =>
    (await app.ok(CREATE_MODEL, { input: { portfolioId, name: "Model", criteria } })).createScoringModel.scoringModel.id;
  const rootModel = await model(root.id);
  const siblingModel = await model(sibling.id);

  expect((await app.ok(RANKING, { id: child.id, model: rootModel })).portfolio.ranking).toEqual({ scoringModelVersion: 1, totalCount: 0 });
  expect((await app.ok(RANKING, { id: sibling.id, model: siblingModel })).portfolio.ranking.scoringModelVersion).toBe(1);
  expectError(await app.gql(RANKING, { id: child.id, model: siblingModel }), "BAD_USER_INPUT", "scoringModelId");
  expectError(
    await app.gql(`query($input: PlanScenarioInput!) { planScenario(input: $input) { totalCost } }`, {
      input: { portfolioId: root.id, budget: 100, model: "CUSTOM", scoringModelId: siblingModel },
    }),
    "BAD_USER_INPUT",
    "input.scoringModelId",
  );
});
