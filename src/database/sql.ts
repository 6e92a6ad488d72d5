/**
 * A tiny composable SQL builder: values always travel as bind parameters, fragments nest,
 * and only `raw` (for identifiers and keywords we choose ourselves) splices text.
 */
export class Sql {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** Renders `$1, $2, …` placeholders, numbering from `offset + 1`. */
  toQuery(offset = 0): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    let text = this.parts[0];
    for (let i = 0; i < this.values.length; i++) {
      values.push(this.values[i]);
      text += `$${offset + values.length}` + this.parts[i + 1];
    }
    return { text, values };
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const parts: string[] = [strings[0]];
  const out: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      parts[parts.length - 1] += value.parts[0];
      for (let j = 0; j < value.values.length; j++) {
        out.push(value.values[j]);
        parts.push(value.parts[j + 1]);
      }
      parts[parts.length - 1] += strings[i + 1];
    } else {
      out.push(value);
      parts.push(strings[i + 1]);
    }
  });
  return new Sql(parts, out);
}

/** Trusted text (identifiers, keywords); never pass client input here. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

export function join(fragments: Sql[], separator: string): Sql {
  if (fragments.length === 0) return raw("");
  return fragments.slice(1).reduce((acc, f) => sql`${acc}${raw(separator)}${f}`, fragments[0]);
}

/** `WHERE a AND b`, or nothing when there are no conditions. */
export function where(conditions: Sql[]): Sql {
  return conditions.length ? sql`WHERE ${join(conditions, " AND ")}` : raw("");
}
