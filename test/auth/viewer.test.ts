import { useTestApp } from "../support/app";
import { createPortfolio } from "../support/factories";
import { createToken, grant, person } from "../support/auth-factories";

/**
 * `viewer` (issue 15): who is calling and what they may do, so a portal can tell which
 * screens to offer before it tries anything, and a script can check its token's scope.
 */
const app = useTestApp();

const VIEWER = `{
  viewer {
    subject name kind admin capabilities
    roles { role subject portfolio { id name } }
    token { id name scope metricKeys portfolios { id name } }
  }
}`;

let group: string;
let retail: string;
let online: string;

beforeAll(async () => {
  group = (await createPortfolio(app, { name: "Group" })).id;
  retail = (await createPortfolio(app, { name: "Retail", parentId: group })).id;
  online = (await createPortfolio(app, { name: "Online", parentId: retail })).id;
  await grant(app, retail, "carol", "OWNER");
  await grant(app, group, "carol", "VIEWER");
});

describe("viewer", () => {
  it("a person: subject, every capability, and the roles granted to them directly", async () => {
    const carol = await person(app, "carol");
    expect((await carol.ok(VIEWER)).viewer).toEqual({
      subject: "carol",
      name: "carol",
      kind: "PERSON",
      admin: false,
      capabilities: ["READ", "MANAGE", "RECORD"],
      roles: [
        { role: "VIEWER", subject: "carol", portfolio: { id: group, name: "Group" } },
        { role: "OWNER", subject: "carol", portfolio: { id: retail, name: "Retail" } },
      ],
      token: null,
    });
  });

  it("a person with no role sees an empty list, not an error", async () => {
    const dave = await person(app, "dave");
    expect((await dave.ok(VIEWER)).viewer).toMatchObject({ kind: "PERSON", admin: false, roles: [], token: null });
  });

  it("the operator's bootstrap token is an admin, who needs no roles", async () => {
    expect((await app.ok(VIEWER)).viewer).toMatchObject({ kind: "BOOTSTRAP", admin: true, capabilities: ["READ", "MANAGE", "RECORD"], roles: [] });
  });

  it("an API token: its creator's subject and roles, its own scope, and only the capabilities the scope gives", async () => {
    const carol = await person(app, "carol");
    const writer = await createToken(app, carol, { name: "etl", scope: "WRITE_MEASUREMENTS", portfolioIds: [online], metricKeys: ["web.sessions"] });
    const seen = (await writer.caller.ok(VIEWER)).viewer;
    expect(seen).toMatchObject({
      subject: "carol",
      name: "etl",
      kind: "API_TOKEN",
      admin: false,
      capabilities: ["READ", "RECORD"],
      token: { id: writer.id, name: "etl", scope: "WRITE_MEASUREMENTS", metricKeys: ["web.sessions"], portfolios: [{ id: online, name: "Online" }] },
    });
    expect(seen.roles.map((r: { role: string }) => r.role)).toEqual(["VIEWER", "OWNER"]);

    const reader = await createToken(app, carol, { name: "dashboard", scope: "READ_ONLY" });
    expect((await reader.caller.ok(VIEWER)).viewer).toMatchObject({
      kind: "API_TOKEN",
      capabilities: ["READ"],
      token: { scope: "READ_ONLY", metricKeys: [], portfolios: [] },
    });
  });

  it("an admin's API token is not an admin: tokens never change the model", async () => {
    const admin = await person(app, "root", { admin: true });
    expect((await admin.ok(VIEWER)).viewer).toMatchObject({ kind: "PERSON", admin: true });
    const token = await createToken(app, admin, { scope: "READ_ONLY" });
    expect((await token.caller.ok(VIEWER)).viewer).toMatchObject({ kind: "API_TOKEN", admin: false, capabilities: ["READ"] });
  });
});
