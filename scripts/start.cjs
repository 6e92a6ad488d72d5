#!/usr/bin/env node
/**
 * `npm start`: compiles only when a source is newer than the last build, then runs the
 * service in this same process — no shell or second node in between — so the SIGTERM that
 * systemd or `docker stop` send to npm reaches the service, which drains and stops its
 * embedded Postgres (package.json runs this with `exec`, so npm's shell is replaced too).
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", ".tsbuildinfo");
const main = path.join(root, "dist", "src", "main.js");

/** The newest modification time under `p` (files, recursively). */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const inputs = ["src", "scripts", "bench", "ormconfig.ts", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
const sourcesAt = Math.max(...inputs.map((i) => newest(path.join(root, i))));
const builtAt = fs.existsSync(main) ? newest(stamp) : 0;
if (sourcesAt > builtAt) {
  console.log(builtAt ? "Sources changed since the last build: compiling …" : "First start: compiling …");
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // an incremental build that emitted nothing leaves the stamp old: mark this build as current
  const now = new Date();
  if (fs.existsSync(stamp)) fs.utimesSync(stamp, now, now);
}
require(main);
