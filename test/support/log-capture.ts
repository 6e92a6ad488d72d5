import { Writable } from "node:stream";
import { logTo } from "../../src/common/log";

/** Collects the service's log lines (JSON text) until `stop()`; the log goes back to stdout then. */
export function captureLog(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  logTo(
    new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(l);
        done();
      },
    }),
  );
  return { lines, stop: () => logTo(undefined) };
}
