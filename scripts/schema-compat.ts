import fs from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { Change, CriticalityLevel, diff } from "@graphql-inspector/core";

/**
 * The breaking-change check (`npm run schema:check`, in CI): `schema.graphql` against the last
 * released schema kept in `schema/released.graphql`, with graphql-inspector's rules. A
 * breaking change fails unless the README's "Changes" section announces it: an entry that says
 * "breaking" and names the changed path in backticks (e.g. `UpdateInitiativeInput.stage`).
 * Dangerous changes (a new enum value, a changed default) are listed, not refused.
 * `npm run schema:release` makes the current schema the released one.
 */
const root = path.join(__dirname, "..");
const released = path.join(root, "schema", "released.graphql");
const current = path.join(root, "schema.graphql");

/** The entries (bullets) of a README's "Changes" section. */
export function changelogEntries(readme: string): string[] {
  const section = /^## Changes\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? "";
  return section.split(/\n(?=- )/).filter((e) => e.startsWith("- "));
}

function announced(change: Change, entries: string[]): boolean {
  const where = change.path;
  if (!where) return false;
  return entries.some((e) => /breaking/i.test(e) && e.replace(/\s+/g, " ").includes(`\`${where}\``));
}

export interface Compatibility {
  changes: Change[];
  breaking: Change[];
  unannounced: Change[];
  dangerous: Change[];
}

/** What changed from the released schema to the current one, and which breaking changes the changelog leaves unannounced. */
export async function compatibility(releasedSdl: string, currentSdl: string, readme: string): Promise<Compatibility> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const entries = changelogEntries(readme);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  return {
    changes,
    breaking,
    unannounced: breaking.filter((c) => !announced(c, entries)),
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
  };
}

async function main(): Promise<number> {
  if (process.argv.includes("--release")) {
    fs.mkdirSync(path.dirname(released), { recursive: true });
    fs.copyFileSync(current, released);
    console.log("schema/released.graphql is now the current schema.graphql");
    return 0;
  }
  const { changes, breaking, unannounced, dangerous } = await compatibility(
    fs.readFileSync(released, "utf8"),
    fs.readFileSync(current, "utf8"),
    fs.readFileSync(path.join(root, "README.md"), "utf8"),
  );
  for (const c of dangerous) console.log(`dangerous: ${c.message}`);
  for (const c of breaking.filter((b) => !unannounced.includes(b))) console.log(`breaking, announced: ${c.message}`);
  console.log(
    `schema.graphql against schema/released.graphql: ${changes.length} change(s), ${breaking.length} breaking (${unannounced.length} not announced), ${dangerous.length} dangerous`,
  );
  if (unannounced.length) {
    console.error('\nBreaking changes the README\'s "Changes" section does not announce:');
    for (const c of unannounced) console.error(`  ${c.path ?? "?"}: ${c.message}`);
    console.error('\nKeep the old contract, or add an entry saying "breaking" that names each path in backticks.');
    return 1;
  }
  return 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
