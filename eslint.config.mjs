// @ts-check
// Lint for bugs, not for looks: formatting is prettier's job (.prettierrc.json), so no
// stylistic rule is enabled here (neither eslint's nor typescript-eslint's recommended sets
// contain any). typescript-eslint's "recommended" set is the syntactic one, without type
// information, which keeps `npm run lint` fast; type-aware rules such as
// no-floating-promises are therefore not enabled.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/** The Node globals a CommonJS config file (jest.config.js, .dependency-cruiser.cjs) uses. */
const commonJsGlobals = {
  module: "writable",
  exports: "writable",
  require: "readonly",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
};

export default defineConfig(
  // generated code (codegen, relay-compiler) is checked by its generator, not linted
  globalIgnores(["dist/", "node_modules/", ".rmo/", "coverage/", "bench/results/", "examples/script/gql/", "examples/relay/src/__generated__/"]),
  {
    // src/, test/, scripts/, bench/ and the root ormconfig.ts
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // Rows from pg arrive as Record<string, any> on purpose, and the generic plumbing
      // (loaders, projections, hydration) passes them on untyped; `any` is a choice here.
      "@typescript-eslint/no-explicit-any": "off",
      // type-graphql and TypeORM take entity and resolver classes as values typed `Function`
      // (ClassType, entity lists, node registries); there is no narrower type they accept.
      "@typescript-eslint/no-unsafe-function-type": "off",
      // Unused code is a real finding; a leading underscore marks a deliberate one.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrors: "all",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Reported, not failed: `let x: T = fallback; try { x = parse() } catch { x = other }`
      // keeps a typed initializer that the rule calls useless.
      "no-useless-assignment": "warn",
      // Reported, not failed: comma sequences such as `(c += a), (v += b)` in a loop body are
      // deliberate; a bare unused expression is still shown as a warning.
      "@typescript-eslint/no-unused-expressions": "warn",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "commonjs", globals: commonJsGlobals },
  },
  {
    files: ["**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "module" },
  },
);
