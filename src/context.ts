import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { Config } from "./config";
import { Loaders } from "./common/loaders";
import { Access } from "./auth/access";
import { Viewer } from "./auth/viewer";

/** What every resolver receives; built fresh for each request. */
export interface Context {
  requestId: string;
  config: Config;
  dataSource: DataSource;
  loaders: Loaders;
  /** Who is calling and what they may see and change. */
  access: Access;
  /** Name recorded as `recordedBy` and the default measurement `source`. */
  callerName: string;
}

export function createContext(config: Config, dataSource: DataSource, viewer: Viewer, requestId: string = randomUUID()): Context {
  const access = new Access(viewer, dataSource);
  return { requestId, config, dataSource, access, loaders: new Loaders(dataSource, access), callerName: viewer.name };
}
