import { validateOrReject, ValidatorOptions } from "class-validator";
import { ArgumentValidationError } from "type-graphql";

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
  try {
    await Promise.all(targets.map((t) => validateOrReject(t, OPTIONS)));
  } catch (err) {
    throw new ArgumentValidationError(err as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}
