import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { Config } from "./config";
import { Loaders } from "./common/loaders";

/** What every resolver receives; built fresh for each request. */
export interface Context {
  requestId: string;
  config: Config;
  dataSource: DataSource;
  loaders: Loaders;
  /** Name recorded as `recordedBy` and the default measurement `source`. */
  callerName: string;
}

export function createContext(config: Config, dataSource: DataSource, requestId: string = randomUUID()): Context {
  return { requestId, config, dataSource, loaders: new Loaders(dataSource), callerName: "api" };
}
