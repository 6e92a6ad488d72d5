import { compatibility } from "../../scripts/schema-compat";

/** The breaking-change check (issue 15): a breaking change fails unless the changelog announces it. */

const released = `type Query { initiative(id: ID!): Initiative }
type Initiative { id: ID! name: String! stage: Stage! }
enum Stage { IDEA DONE }
input UpdateInitiativeInput { id: ID! name: String stage: Stage }`;

const readme = (changes: string) => `# RMO\n\n## Changes\n\n${changes}\n\n## Working on the code\n`;

describe("schema compatibility", () => {
  it("additions pass; a new enum value is only dangerous", async () => {
    const current = released.replace("stage: Stage! }", "stage: Stage! tags: [String!]! }").replace("IDEA DONE", "IDEA ON_HOLD DONE");
    const result = await compatibility(released, current, readme(""));
    expect(result.breaking).toEqual([]);
    expect(result.dangerous.map((c) => c.path)).toEqual(["Stage.ON_HOLD"]);
  });

  it("a removed field or input field fails until an entry saying breaking names its path", async () => {
    const current = released.replace(" stage: Stage }", " }").replace("name: String! stage: Stage! }", "name: String! }");
    const silent = await compatibility(released, current, readme("- **Tags** on initiatives."));
    expect(silent.unannounced.map((c) => c.path).sort()).toEqual(["Initiative.stage", "UpdateInitiativeInput.stage"]);
    const half = await compatibility(
      released,
      current,
      readme("- **`UpdateInitiativeInput.stage` removed** (breaking): use decisions.\n- `Initiative.stage` renamed."),
    );
    expect(half.unannounced.map((c) => c.path)).toEqual(["Initiative.stage"]);
    const told = await compatibility(
      released,
      current,
      readme("- **Stages move by decision** (breaking): `UpdateInitiativeInput.stage` and\n  `Initiative.stage` are gone."),
    );
    expect(told.unannounced).toEqual([]);
    expect(told.breaking).toHaveLength(2);
  });

  it("a new required argument is breaking", async () => {
    const current = released.replace("initiative(id: ID!)", "initiative(id: ID!, asOf: String!)");
    const result = await compatibility(released, current, readme(""));
    expect(result.unannounced.map((c) => c.path)).toEqual(["Query.initiative.asOf"]);
  });
});
