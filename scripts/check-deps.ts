/**
 * The dependency rules of src/ (issue 10), checked in CI by `npm run deps:check`:
 *
 *   lower-layers-import-no-feature  a module in src/common or src/database imports only src/common,
 *                                   src/database, src/errors.ts, src/config.ts, src/request-scope.ts
 *                                   (and packages, node builtins).
 *   no-feature-cycles               no cycle between feature folders: the folders directly under src/
 *                                   other than common, database, graphql and seed. Folder A depends on
 *                                   folder B when any module in A imports any module in B, so this finds
 *                                   cycles that no module-level cycle shows.
 *   graphql-edge-imports-no-feature src/graphql (the resolver-edge toolkit: page plans, projection,
 *                                   read-ahead, error formatting, limits) imports only src/graphql,
 *                                   the lower layers and the same top-level files; features use it,
 *                                   never the other way round, and the lower layers never import it.
 *   no-src-to-test                  no module under src/ imports from test/.
 *
 * Top-level src/*.ts files are composition roots and may import anything.
 *
 * findViolations() is pure (a module graph in, violations out) so a test can feed it a made-up
 * graph; the CLI below cruises src/ with dependency-cruiser (.dependency-cruiser.cjs for the
 * options) and runs only when this file is executed directly:
 *   npx ts-node --transpile-only scripts/check-deps.ts [--json]
 */
import * as fs from "node:fs";
import * as path from "node:path";

export type RuleName = "lower-layers-import-no-feature" | "no-feature-cycles" | "graphql-edge-imports-no-feature" | "no-src-to-test";

export interface ModuleDeps {
  /** Path relative to the repository root, e.g. "src/portfolio/portfolio.service.ts". */
  source: string;
  /** Resolved paths of what it imports: "src/…", "test/…", "node_modules/…" or a builtin such as "fs". */
  dependencies: string[];
}

export interface Violation {
  rule: RuleName;
  /** The importing module. */
  from: string;
  /** The imported module. */
  to: string;
  /** no-feature-cycles only: the feature folders of the cycle (one strongly connected set), sorted. */
  cycle?: string[];
}

export const RULES: Record<RuleName, string> = {
  "lower-layers-import-no-feature": "src/common and src/database import only each other and src/errors.ts, src/config.ts, src/request-scope.ts",
  "no-feature-cycles": "no cycle between feature folders (every folder under src/ but common, database, graphql, seed)",
  "graphql-edge-imports-no-feature":
    "src/graphql imports only itself, src/common, src/database and src/errors.ts, src/config.ts, src/request-scope.ts",
  "no-src-to-test": "no module under src/ imports from test/",
};

const LOWER_LAYERS = new Set(["common", "database"]);
const NOT_FEATURES = new Set([...LOWER_LAYERS, "graphql", "seed"]);
const LOWER_LAYER_MAY_IMPORT = new Set(["src/errors.ts", "src/config.ts", "src/request-scope.ts"]);

type Place =
  | { kind: "outside" } // node_modules, builtins, unresolved names, files outside src/ and test/
  | { kind: "test" }
  | { kind: "root" } // a top-level src/*.ts file
  | { kind: "lower" | "feature" | "graphql" | "seed"; folder: string };

function normalize(p: string): string {
  return p.replace(/\\/g, "/").replace(/^\.\//, "");
}

function placeOf(file: string): Place {
  const p = normalize(file);
  if (p.startsWith("test/")) return { kind: "test" };
  if (!p.startsWith("src/")) return { kind: "outside" };
  const rest = p.slice("src/".length);
  const slash = rest.indexOf("/");
  if (slash < 0) return { kind: "root" };
  const name = rest.slice(0, slash);
  const folder = `src/${name}`;
  if (LOWER_LAYERS.has(name)) return { kind: "lower", folder };
  if (name === "graphql") return { kind: "graphql", folder };
  if (name === "seed") return { kind: "seed", folder };
  return NOT_FEATURES.has(name) ? { kind: "outside" } : { kind: "feature", folder };
}

/** Tarjan's strongly connected components; returns only the sets of two or more nodes. */
function cyclicComponents(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of nodes) if (!indexOf.has(v)) visit(v);
  return components;
}

/** Every broken rule in a module graph, sorted by rule, then importing module, then imported module. */
export function findViolations(modules: ReadonlyArray<ModuleDeps>): Violation[] {
  const violations: Violation[] = [];
  // feature folder -> feature folder -> the module imports that make that folder edge
  const folderEdges = new Map<string, Map<string, Array<{ from: string; to: string }>>>();

  for (const m of modules) {
    const from = normalize(m.source);
    const src = placeOf(from);
    if (src.kind === "outside" || src.kind === "test") continue;
    for (const dep of m.dependencies) {
      const to = normalize(dep);
      const dst = placeOf(to);
      if (dst.kind === "test") violations.push({ rule: "no-src-to-test", from, to });
      if (src.kind === "lower") {
        const allowed = dst.kind === "outside" || dst.kind === "test" || dst.kind === "lower" || LOWER_LAYER_MAY_IMPORT.has(to);
        if (!allowed) violations.push({ rule: "lower-layers-import-no-feature", from, to });
      }
      if (src.kind === "graphql") {
        const allowed =
          dst.kind === "outside" || dst.kind === "test" || dst.kind === "lower" || dst.kind === "graphql" || LOWER_LAYER_MAY_IMPORT.has(to);
        if (!allowed) violations.push({ rule: "graphql-edge-imports-no-feature", from, to });
      }
      if (src.kind === "feature" && dst.kind === "feature" && src.folder !== dst.folder) {
        const byTarget = folderEdges.get(src.folder) ?? new Map<string, Array<{ from: string; to: string }>>();
        folderEdges.set(src.folder, byTarget);
        const imports = byTarget.get(dst.folder) ?? [];
        byTarget.set(dst.folder, imports);
        imports.push({ from, to });
      }
    }
  }

  const edges = new Map([...folderEdges].map(([a, targets]) => [a, new Set(targets.keys())]));
  const folders = [...new Set([...folderEdges.keys(), ...[...folderEdges.values()].flatMap((t) => [...t.keys()])])].sort();
  for (const cycle of cyclicComponents(folders, edges)) {
    const members = new Set(cycle);
    for (const a of cycle) {
      for (const [b, imports] of folderEdges.get(a) ?? []) {
        if (!members.has(b)) continue;
        for (const { from, to } of imports) violations.push({ rule: "no-feature-cycles", from, to, cycle });
      }
    }
  }

  const ruleOrder = Object.keys(RULES);
  return violations.sort((x, y) => ruleOrder.indexOf(x.rule) - ruleOrder.indexOf(y.rule) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

/** Violations as text: grouped by rule, cycles grouped by their folders, one `from → to` a line. */
export function formatViolations(violations: ReadonlyArray<Violation>): string {
  const lines: string[] = [];
  for (const rule of Object.keys(RULES) as RuleName[]) {
    const mine = violations.filter((v) => v.rule === rule);
    if (mine.length === 0) continue;
    lines.push("", `✖ ${rule}: ${mine.length} import${mine.length === 1 ? "" : "s"} (${RULES[rule]})`);
    if (rule !== "no-feature-cycles") {
      for (const v of mine) lines.push(`    ${v.from} → ${v.to}`);
      continue;
    }
    const cycles = new Map<string, Violation[]>();
    for (const v of mine) {
      const key = v.cycle!.join(" ");
      cycles.set(key, [...(cycles.get(key) ?? []), v]);
    }
    for (const [key, members] of cycles) {
      lines.push(`  cycle between ${key.split(" ").join(", ")}:`);
      const byEdge = new Map<string, Violation[]>();
      for (const v of members) {
        const edge = `${placeFolder(v.from)} → ${placeFolder(v.to)}`;
        byEdge.set(edge, [...(byEdge.get(edge) ?? []), v]);
      }
      for (const [edge, imports] of byEdge) {
        lines.push(`    ${edge}`);
        for (const v of imports) lines.push(`        ${v.from} → ${v.to}`);
      }
    }
  }
  return lines.join("\n");
}

function placeFolder(file: string): string {
  const p = placeOf(file);
  return "folder" in p ? p.folder : normalize(file);
}

// ---------------------------------------------------------------------------------------------
// CLI: cruise src/ with dependency-cruiser and report.

export interface CheckResult {
  /** Modules under src/ that were cruised. */
  moduleCount: number;
  /** Rule violations: any one fails the check. */
  violations: Violation[];
  /** Violations of .dependency-cruiser.cjs rules that findViolations() did not also find. */
  configViolations: Array<{ rule: string; severity: string; from: string; to: string; cycle?: string[] }>;
  /** Local imports dependency-cruiser could not resolve (tsc reports them too); shown, not failed. */
  unresolved: Array<{ from: string; to: string }>;
}

/** The folder holding .dependency-cruiser.cjs, from scripts/ or from dist/scripts/. */
export function repoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".dependency-cruiser.cjs"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no .dependency-cruiser.cjs above ${start}`);
  }
}

/** Cruises src/ (dependency-cruiser is ESM-only, hence the native import()) and applies the rules. */
export async function checkDependencies(root: string = repoRoot()): Promise<CheckResult> {
  const { cruise } = await import("dependency-cruiser");
  const { default: extractDepcruiseOptions } = await import("dependency-cruiser/config-utl/extract-depcruise-options");
  const { default: extractTSConfig } = await import("dependency-cruiser/config-utl/extract-ts-config");
  const cwd = process.cwd();
  process.chdir(root); // dependency-cruiser reads and reports paths relative to the working directory
  try {
    const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
    const tsConfig = extractTSConfig(options.tsConfig?.fileName ?? "tsconfig.json");
    const { output } = await cruise(["src"], options, { conditionNames: ["require", "import", "node", "default"] }, { tsConfig });
    if (typeof output === "string") throw new Error("dependency-cruiser returned text, not a cruise result");
    const modules = output.modules.filter((m) => m.source.startsWith("src/"));
    const violations = findViolations(modules.map((m) => ({ source: m.source, dependencies: m.dependencies.map((d) => d.resolved) })));
    const seen = new Set(violations.map((v) => `${v.rule} ${v.from} ${v.to}`));
    const configViolations = output.summary.violations
      .filter((v) => !seen.has(`${v.rule.name} ${v.from} ${v.to}`))
      .map((v) => ({ rule: v.rule.name, severity: v.rule.severity, from: v.from, to: v.to, cycle: v.cycle?.map((c) => c.name) }));
    const unresolved = modules.flatMap((m) =>
      m.dependencies.filter((d) => d.couldNotResolve && d.module.startsWith(".")).map((d) => ({ from: m.source, to: d.module })),
    );
    return { moduleCount: modules.length, violations, configViolations, unresolved };
  } finally {
    process.chdir(cwd);
  }
}

async function main(): Promise<number> {
  const result = await checkDependencies();
  const failing = result.violations.length + result.configViolations.filter((v) => v.severity === "error").length;
  if (process.argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return failing > 0 ? 1 : 0;
  }
  console.log(`dependency rules: ${result.moduleCount} modules under src/ cruised`);
  if (result.violations.length > 0) console.log(formatViolations(result.violations));
  const bySeverity = (s: string) => result.configViolations.filter((v) => v.severity === s);
  for (const severity of ["error", "warn", "info"]) {
    const list = bySeverity(severity);
    if (list.length === 0) continue;
    console.log(`\n${severity === "error" ? "✖" : "⚠"} .dependency-cruiser.cjs rules, ${severity}: ${list.length}`);
    for (const v of list) console.log(`    ${v.rule}: ${v.cycle ? [v.from, ...v.cycle].join(" → ") : `${v.from} → ${v.to}`}`);
  }
  if (result.unresolved.length > 0) {
    console.log(`\n⚠ unresolved local imports (not checked): ${result.unresolved.length}`);
    for (const u of result.unresolved) console.log(`    ${u.from} → ${u.to}`);
  }
  console.log("");
  if (failing === 0) {
    console.log("✔ no dependency rule broken");
    return 0;
  }
  const rules = new Set([...result.violations.map((v) => v.rule), ...bySeverity("error").map((v) => v.rule)]);
  console.log(`✖ ${failing} forbidden import${failing === 1 ? "" : "s"} (${[...rules].join(", ")})`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
