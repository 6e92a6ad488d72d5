import fs from "node:fs/promises";
import { EmbeddedServer } from "../../src/database/embedded";

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __rmoEmbedded?: EmbeddedServer & { dir: string } }).__rmoEmbedded;
  if (!embedded) return;
  await embedded.stop();
  await fs.rm(embedded.dir, { recursive: true, force: true });
}
