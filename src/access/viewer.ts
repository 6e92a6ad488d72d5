import { ApiTokenScope } from "./roles";

/** Who is calling, established once per request before any resolver runs. */
export interface Viewer {
  /** `system`: the service itself (loading the demo dataset), never a request. */
  kind: "person" | "token" | "bootstrap" | "dev" | "system";
  /** Whose memberships apply: the person's `sub`, or a token's creator. */
  subject: string;
  /** Recorded as `recordedBy` and the default measurement `source`. */
  name: string;
  /** Global admin: sees and may change everything. */
  admin: boolean;
  token?: {
    rowId: string;
    scope: ApiTokenScope;
    metricKeys: string[];
    portfolioRowIds: string[];
  };
}

/** May this caller change things other than measurements? Tokens never may. */
export function isPerson(viewer: Viewer): boolean {
  return viewer.kind !== "token";
}
