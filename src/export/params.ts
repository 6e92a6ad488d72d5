import { BadUserInputError } from "../errors";

/**
 * The query parameters of an export, named as the GraphQL field's arguments and filter fields.
 * A list is given as repeated parameters or comma-separated; an unknown parameter is refused
 * (a typo would otherwise widen the export silently).
 */
export class Params {
  private readonly used = new Set<string>();

  constructor(private readonly query: Record<string, unknown>) {}

  private raw(name: string): string[] | null {
    this.used.add(name);
    const v = this.query[name];
    if (v === undefined) return null;
    const values = (Array.isArray(v) ? v : [v]).map(String);
    return values.some((x) => x === "") ? null : values;
  }

  string(name: string): string | null {
    const values = this.raw(name);
    if (values && values.length > 1) throw new BadUserInputError(`Give ${name} once`, name);
    return values?.[0] ?? null;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === null) throw new BadUserInputError(`${name} is required`, name);
    return value;
  }

  list(name: string): string[] | null {
    const values = this.raw(name);
    return values
      ? values
          .flatMap((v) => v.split(","))
          .map((v) => v.trim())
          .filter(Boolean)
      : null;
  }

  date(name: string): Date | null {
    const value = this.string(name);
    if (value === null) return null;
    const date = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      throw new BadUserInputError(`${name} must be an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T00:00:00Z (got "${value}")`, name);
    }
    return date;
  }

  bool(name: string, fallback: boolean): boolean;
  bool(name: string, fallback: null): boolean | null;
  bool(name: string, fallback: boolean | null): boolean | null {
    const value = this.string(name);
    if (value === null) return fallback;
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
    throw new BadUserInputError(`${name} must be true or false (got "${value}")`, name);
  }

  oneOf<E extends string>(name: string, allowed: Record<string, E>): E | null {
    const value = this.string(name);
    if (value === null) return null;
    return this.check(name, value, allowed);
  }

  listOf<E extends string>(name: string, allowed: Record<string, E>): E[] | null {
    return this.list(name)?.map((v) => this.check(name, v, allowed)) ?? null;
  }

  private check<E extends string>(name: string, value: string, allowed: Record<string, E>): E {
    const values = Object.values(allowed);
    if (!values.includes(value as E)) throw new BadUserInputError(`${name}: "${value}" is not one of ${values.join(", ")}`, name);
    return value as E;
  }

  /** Refuses a parameter no reader asked for; call after reading them all. `format` options are always allowed. */
  rejectUnknown(): void {
    const unknown = Object.keys(this.query).filter((k) => !this.used.has(k) && k !== "bom");
    if (unknown.length) {
      throw new BadUserInputError(
        `Unknown parameter ${unknown[0]}; this export takes ${[...this.used].join(", ")} (and bom=1 for Excel)`,
        unknown[0],
      );
    }
  }
}
