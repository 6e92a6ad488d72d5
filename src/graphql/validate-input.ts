import { validateOrReject, ValidatorOptions } from "class-validator";
import { ArgumentValidationError } from "type-graphql";
import { textProblem } from "../common/text";
import { BadUserInputError } from "../errors";

/** Input classes whose items are checked by their service one by one (a batch item's bad text rejects that item only). */
const CHECKED_PER_ITEM = new WeakSet<Function>();

/** Marks an input class whose text fields its service checks per item (recordMeasurements' items). */
export function TextCheckedPerItem(): ClassDecorator {
  return (target) => {
    CHECKED_PER_ITEM.add(target);
  };
}

/**
 * The first string in an input value that cannot be stored as sent (U+0000, an unpaired
 * surrogate), with its path; items of classes marked TextCheckedPerItem are left to their service.
 */
function badText(value: unknown, path: string): { path: string; problem: string } | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return null;
  if (CHECKED_PER_ITEM.has(value.constructor)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badText(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const found = badText(v, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return null;
}

const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: false };

const isInputObject = (v: unknown): v is object => v !== null && typeof v === "object" && !(v instanceof Date);

/**
 * class-validator over input objects (their @Length, @Min … rules), as type-graphql's own
 * `validate: true` does, but without its per-call `import("class-validator")` and without
 * handing scalars such as a Date `asOf` to the validator: on a wide query that ran for
 * every field with an argument.
 */
export async function validateInput(value: unknown): Promise<void> {
  const targets = Array.isArray(value) ? value.filter(isInputObject) : isInputObject(value) ? [value] : [];
  if (targets.length === 0) return;
  for (const t of targets) {
    const bad = badText(t, "");
    // mutations take one `input` object (…Input); filters and other arguments are named by their own path
    const field = bad && (t.constructor.name.endsWith("Input") ? `input.${bad.path}` : bad.path);
    if (bad) throw new BadUserInputError(`${field} ${bad.problem}`, field!);
  }
  try {
    await Promise.all(targets.map((t) => validateOrReject(t, OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}
