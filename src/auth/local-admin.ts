import fs from "node:fs";
import path from "node:path";
import { newSecret } from "./tokens";

/**
 * On the embedded default with no RMO_BOOTSTRAP_TOKEN, the first start creates a local
 * admin token, prints it once and keeps it (mode 600) under the data directory, so a new
 * user can sign in to the landing page and run scripts without an identity provider.
 */
export function localAdminToken(dataDir: string, log: (m: string) => void): string {
  const file = path.join(dataDir, "admin-token");
  if (fs.existsSync(file)) {
    log(`Local admin token: in ${file}`);
    return fs.readFileSync(file, "utf8").trim();
  }
  const { secret } = newSecret();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  log(`Created a local admin token (shown once; kept in ${file}):\n\n    ${secret}\n\nSend it as \`Authorization: Bearer <token>\`.`);
  return secret;
}
