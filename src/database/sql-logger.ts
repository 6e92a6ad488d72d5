import { AbstractLogger, LogLevel, LogMessage, Logger, QueryRunner } from "typeorm";
import { requestScope } from "../request-scope";

/**
 * TypeORM hands every statement to its logger, so counting here sees them all,
 * whichever repository, query builder or raw query sent them.
 */
export class CountingLogger extends AbstractLogger implements Logger {
  constructor(echo: boolean) {
    super(echo ? ["query", "error", "warn"] : ["error", "warn"]);
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    const scope = requestScope.getStore();
    if (scope) scope.statements++;
    super.logQuery(query, parameters, queryRunner);
  }

  // A failed statement is reported by formatError with its request id; logging it here
  // too would print client mistakes (constraint violations we translate) as errors.
  override logQueryError(): void {}

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    for (const m of this.prepareLogMessages(message, { highlightSql: false })) {
      const line = `[sql] ${m.prefix ? m.prefix + ": " : ""}${m.message}`;
      if (level === "warn" || level === "error") console.error(line);
      else console.log(line);
    }
  }
}
