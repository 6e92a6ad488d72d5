import { useTestApp } from "../support/app";

const app = useTestApp();

const CREATE = `mutation($input: CreatePortfolioInput!) {
  createPortfolio(input: $input) { portfolio { id name version parent { id } budget } }
}`;

describe("portfolios", () => {
  it("creates a root and a child and reads them back", async () => {
    const root = (await app.ok(CREATE, { input: { name: "Enterprise", budget: 1000000 } })).createPortfolio.portfolio;
    expect(root).toMatchObject({ name: "Enterprise", version: 1, parent: null, budget: 1000000 });
    const child = (await app.ok(CREATE, { input: { name: "Digital", parentId: root.id } })).createPortfolio.portfolio;
    expect(child.parent).toEqual({ id: root.id });
    const data = await app.ok(`query($id: ID!) { portfolio(id: $id) { name children { totalCount edges { node { name } } } } }`, { id: root.id });
    expect(data.portfolio).toEqual({ name: "Enterprise", children: { totalCount: 1, edges: [{ node: { name: "Digital" } }] } });
  });
});
