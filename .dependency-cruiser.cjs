// Dependency rules for src/ (issue 10). The layers:
//   lower layers  src/common, src/database: shared plumbing, importing no feature;
//   features      every other folder directly under src/ except src/graphql and src/seed;
//   src/graphql   the resolver edge (page plans, projection, read-ahead, error formatting,
//                 limits): above the lower layers, below the features, which use it;
//   src/*.ts      composition roots (main, server, schema, ...): free to import anything.
//
// `npm run deps:check` (scripts/check-deps.ts) is what CI runs: it cruises src/ with the
// options below and applies the same rules through its own findViolations(), which also
// finds cycles between FEATURE FOLDERS. That last rule is not expressible here: a
// `to: { circular: true }` rule sees module-level cycles only (feature a/x -> b/y and
// b/z -> a/w is a folder cycle without a module cycle), and `scope: "folder"` works on
// every nested directory (src/database/migrations is its own node), not on the first
// folder under src/. The rules below can still be run ad hoc with
//   npx depcruise src --config .dependency-cruiser.cjs
// and check-deps.ts reports anything they find that its own rules did not.

/** Folders directly under src/ that are not features. */
const NOT_FEATURES = "common|database|graphql|seed";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lower-layers-import-no-feature",
      severity: "error",
      comment:
        "src/common and src/database are the lower layers: they may import each other and the top-level " +
        "src/errors.ts, src/config.ts and src/request-scope.ts, and nothing else under src/.",
      from: { path: "^src/(common|database)/" },
      to: {
        path: "^src/",
        pathNot: ["^src/(common|database)/", "^src/(errors|config|request-scope)[.]ts$"],
      },
    },
    {
      name: "graphql-edge-imports-no-feature",
      severity: "error",
      comment:
        "src/graphql is the resolver edge: it imports itself, the lower layers and src/errors.ts, src/config.ts, " +
        "src/request-scope.ts, never a feature (features import it).",
      from: { path: "^src/graphql/" },
      to: {
        path: "^src/",
        pathNot: ["^src/(common|database|graphql)/", "^src/(errors|config|request-scope)[.]ts$"],
      },
    },
    {
      name: "no-src-to-test",
      severity: "error",
      comment: "Production code never imports test code.",
      from: { path: "^src/" },
      to: { path: "^test/" },
    },
    {
      name: "no-circular",
      severity: "warn",
      comment:
        "Module-level cycle. Reported, not failed: a cycle inside one folder is allowed for now; one across " +
        "feature folders fails as no-feature-cycles (scripts/check-deps.ts).",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    // Follow src/ only; dependencies into node_modules and test/ are recorded, not followed.
    doNotFollow: { path: ["(^|/)node_modules/", "^test/"] },
    exclude: { path: ["^dist/", "(^|/)[.]rmo/"] },
    // `import type` and type-only uses couple folders as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["cjs", "es6"],
    // Not a rule, a view: `npx depcruise src --config .dependency-cruiser.cjs -T archi` draws
    // the folder graph.
    reporterOptions: {
      archi: { collapsePattern: `^src/(?!${NOT_FEATURES}/)[^/]+|^src/(${NOT_FEATURES})|node_modules/(@[^/]+/)?[^/]+` },
    },
  },
};
