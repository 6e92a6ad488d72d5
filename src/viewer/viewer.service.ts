import { Context } from "../context";
import { hydrateAll } from "../database/hydrate";
import { Capability, capabilityDenied } from "../access/capabilities";
import { isPerson, Viewer } from "../access/viewer";
import { PortfolioMember } from "../member/member.entity";
import { ApiToken } from "../token/token.entity";
import { CallerKind, ViewerInfo } from "./viewer.type";

const KINDS: Record<Viewer["kind"], CallerKind> = {
  person: CallerKind.PERSON,
  token: CallerKind.API_TOKEN,
  bootstrap: CallerKind.BOOTSTRAP,
  dev: CallerKind.DEV,
  system: CallerKind.BOOTSTRAP,
};

export function viewerOf(ctx: Context): ViewerInfo {
  const viewer = ctx.access.viewer;
  return Object.assign(new ViewerInfo(), {
    subject: viewer.subject,
    name: viewer.name,
    kind: KINDS[viewer.kind],
    admin: viewer.admin && isPerson(viewer),
    capabilities: Object.values(Capability).filter((c) => capabilityDenied(viewer, c) === null),
    tokenRowId: viewer.token?.rowId,
  });
}

/** The roles granted directly to the caller's subject, by portfolio name. */
export async function rolesOf(ctx: Context): Promise<PortfolioMember[]> {
  const rows = await ctx.dataSource.query(
    `SELECT m.* FROM portfolio_member m JOIN portfolio p ON p.id = m.portfolio_id
      WHERE m.subject = $1 ORDER BY p.name, p.id`,
    [ctx.access.viewer.subject],
  );
  return hydrateAll(ctx.dataSource, PortfolioMember, rows);
}

export function tokenOf(ctx: Context, info: ViewerInfo): Promise<ApiToken | null> {
  return info.tokenRowId ? ctx.loaders.byId(ApiToken).load(info.tokenRowId) : Promise.resolve(null);
}
