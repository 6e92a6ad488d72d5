/**
 * `npm run test:cluster` (issue 16): the tests in test/cluster against one local cluster — a
 * primary, a streaming replica, PgBouncer, two API processes, HAProxy (scripts/cluster.ts) —
 * started once for the run and stopped at its end. Files run one at a time: they kill and
 * stop members of the same cluster. `npm test` leaves them out (jest.config.js).
 */
const base = require("./jest.config");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/cluster"],
  testMatch: ["**/*.test.ts"],
  transform: base.transform,
  globalSetup: "<rootDir>/test/cluster/global-setup.ts",
  globalTeardown: "<rootDir>/test/cluster/global-teardown.ts",
  testTimeout: 180000,
  maxWorkers: 1,
};
