import pino, { DestinationStream, Logger } from "pino";

/**
 * The service's one logger (pino): JSON lines (one per event, each with the request id where
 * there is one), readable lines with pino-pretty in development. `configureLogging` sets it up
 * at start (src/server.ts); before that it writes JSON at `warn`.
 */
export let log: Logger = pino({ level: process.env.RMO_LOG_LEVEL ?? "warn" });

let options = { pretty: false, level: process.env.RMO_LOG_LEVEL ?? "warn" };
let destination: DestinationStream | undefined;

function rebuild(): void {
  if (destination) log = pino({ level: options.level }, destination);
  else if (options.pretty) {
    log = pino({ level: options.level, transport: { target: "pino-pretty", options: { singleLine: true, translateTime: "SYS:HH:MM:ss.l" } } });
  } else {
    // written between requests rather than inside each (pino flushes what is left on exit):
    // a synchronous write per access line cost the smallest query a tenth of its CPU
    log = pino({ level: options.level }, pino.destination({ dest: 1, sync: false }));
  }
}

export function configureLogging(o: { pretty: boolean; level: string }): void {
  options = o;
  rebuild();
}

/** Sends the log to `stream` instead of stdout, from now on (tests read the lines this way); undefined: back to stdout. */
export function logTo(stream: DestinationStream | undefined): void {
  destination = stream;
  rebuild();
}
