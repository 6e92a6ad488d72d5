import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { type CheckResult, findViolations, formatViolations } from "../../scripts/check-deps";

const root = path.resolve(__dirname, "../..");

describe("dependency rules (scripts/check-deps.ts, .dependency-cruiser.cjs)", () => {
  it("src/ breaks none of them", () => {
    // dependency-cruiser is ESM-only and jest's module sandbox cannot import() it without
    // --experimental-vm-modules, so the cruise runs in a child process (`npm run deps:check -- --json`);
    // the rules themselves are the findViolations() tested below.
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join("scripts", "check-deps.ts"), "--json"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.moduleCount).toBeGreaterThan(50);
    expect(formatViolations(result.violations)).toBe("");
    expect(result.configViolations.filter((v) => v.severity === "error")).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  it("reports a cycle between two feature folders and a lower layer importing a feature", () => {
    const violations = findViolations([
      // src/alpha → src/beta and src/beta → src/alpha through different modules: a folder cycle
      // without any module-level cycle
      { source: "src/alpha/a.ts", dependencies: ["src/beta/b.ts", "src/common/money.ts", "node_modules/pg/lib/index.js"] },
      { source: "src/beta/c.ts", dependencies: ["src/alpha/d.ts", "fs"] },
      { source: "src/beta/b.ts", dependencies: ["src/gamma/g.ts"] },
      // common may import database and the three allowed top-level files, not a feature
      { source: "src/common/x.ts", dependencies: ["src/errors.ts", "src/config.ts", "src/database/sql.ts", "src/portfolio/p.ts"] },
      // composition roots and seed are free
      { source: "src/main.ts", dependencies: ["src/alpha/a.ts", "src/graphql/page-plan.ts"] },
      { source: "src/seed/demo.ts", dependencies: ["src/alpha/a.ts", "src/beta/b.ts"] },
    ]);
    expect(violations).toEqual([
      { rule: "lower-layers-import-no-feature", from: "src/common/x.ts", to: "src/portfolio/p.ts" },
      { rule: "no-feature-cycles", from: "src/alpha/a.ts", to: "src/beta/b.ts", cycle: ["src/alpha", "src/beta"] },
      { rule: "no-feature-cycles", from: "src/beta/c.ts", to: "src/alpha/d.ts", cycle: ["src/alpha", "src/beta"] },
    ]);
    expect(formatViolations(violations)).toContain("src/common/x.ts → src/portfolio/p.ts");
    expect(formatViolations(violations)).toContain("cycle between src/alpha, src/beta");
  });

  it("reports a lower layer importing src/graphql, src/graphql importing a feature, and src/ importing test/", () => {
    const violations = findViolations([
      { source: "src/database/rows.ts", dependencies: ["src/graphql/projection.ts"] },
      { source: "src/graphql/page-plan.ts", dependencies: ["src/common/page.ts", "src/hypothesis/hypothesis.entity.ts"] },
      { source: "src/metric/metric.resolver.ts", dependencies: ["src/graphql/readable.ts", "test/support/app.ts"] },
    ]);
    expect(violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`)).toEqual([
      "lower-layers-import-no-feature: src/database/rows.ts → src/graphql/projection.ts",
      "graphql-edge-imports-no-feature: src/graphql/page-plan.ts → src/hypothesis/hypothesis.entity.ts",
      "no-src-to-test: src/metric/metric.resolver.ts → test/support/app.ts",
    ]);
  });
});
