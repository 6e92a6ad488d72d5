import { useTestApp } from "../support/app";
import { createHypothesis, createInitiative, createMetric, createPortfolio } from "../support/factories";

const app = useTestApp();

describe("initiatives", () => {
  it("creates an initiative with hypotheses and reads them through the portfolio", async () => {
    const p = await createPortfolio(app);
    const i = await createInitiative(app, { portfolioId: p.id, budget: 500, tags: ["growth"] });
    const m = await createMetric(app, { portfolioId: p.id });
    await createHypothesis(app, { initiativeId: i.id, metricId: m.id });
    const data = await app.ok(
      `query($id: ID!) { portfolio(id: $id) { initiatives { totalCount nodes { name budget tags hypotheses { totalCount nodes { metric { key } initiative { id } } } } } } }`,
      { id: p.id },
    );
    expect(data.portfolio.initiatives.totalCount).toBe(1);
    expect(data.portfolio.initiatives.nodes[0]).toMatchObject({
      budget: 500,
      tags: ["growth"],
      hypotheses: { totalCount: 1, nodes: [{ metric: { key: m.key }, initiative: { id: i.id } }] },
    });
  });
});
