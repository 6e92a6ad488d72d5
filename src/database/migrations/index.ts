import { Initial1795647346383 } from "./1795647346383-Initial";

/** Every migration, oldest first. */
export const migrations: Function[] = [Initial1795647346383];
