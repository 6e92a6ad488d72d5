/**
 * The scales of the prioritization inputs an initiative carries (DOMAIN.md, "Prioritization
 * and re-prioritization"), in one place: the validators, the database CHECKs on the entity,
 * the field descriptions and the scoring formulas all read them from here.
 *
 * Validators return a message (prefixed with the input path the caller passes, so it can go
 * straight into a BadUserInputError) or null.
 */

/** SAFe's modified Fibonacci scale for every WSJF input. */
export const WSJF_SCALE: readonly number[] = [1, 2, 3, 5, 8, 13, 20];
/** RICE's impact multipliers (minimal … massive). */
export const RICE_IMPACTS: readonly number[] = [0.25, 0.5, 1, 2, 3];
/** `a, b, c` for descriptions and messages. */
export const WSJF_SCALE_TEXT = WSJF_SCALE.join(", ");
export const RICE_IMPACTS_TEXT = RICE_IMPACTS.join(", ");
/** `a, b or c`, for input descriptions. */
const choices = (scale: readonly number[]) => `${scale.slice(0, -1).join(", ")} or ${scale[scale.length - 1]}`;
export const WSJF_CHOICES = choices(WSJF_SCALE);
export const RICE_IMPACT_CHOICES = choices(RICE_IMPACTS);

/** The CHECK constraints the initiative table holds (the same text the migration wrote). */
export const WSJF_CHECK = ["business_value", "time_criticality", "risk_reduction", "job_size"]
  .map((c) => `${c} IN (${WSJF_SCALE.join(",")})`)
  .join(" AND ")
  .replace(" AND risk_reduction", "\n  AND risk_reduction");
export const RICE_CHECK = `reach >= 0 AND impact IN (${RICE_IMPACTS_TEXT}) AND confidence BETWEEN 0 AND 1 AND effort > 0`;

export const finite = (v: number, field: string): string | null =>
  typeof v === "number" && Number.isFinite(v) ? null : `${field} must be a finite number`;

export function checkWsjfValue(v: number, field = "value"): string | null {
  return WSJF_SCALE.includes(v) ? null : `${field} must be one of ${WSJF_SCALE_TEXT}`;
}

/** jobSize divides the WSJF score; the scale starts at 1, so every allowed size is > 0. */
export function checkJobSize(v: number, field = "jobSize"): string | null {
  return checkWsjfValue(v, field);
}

export function checkRiceImpact(v: number, field = "impact"): string | null {
  return RICE_IMPACTS.includes(v) ? null : `${field} must be one of ${RICE_IMPACTS_TEXT}`;
}

export function checkConfidence(v: number, field = "confidence"): string | null {
  return finite(v, field) ?? (v >= 0 && v <= 1 ? null : `${field} must be between 0 and 1`);
}

export function checkReach(v: number, field = "reach"): string | null {
  return finite(v, field) ?? (v >= 0 ? null : `${field} must be at least 0`);
}

/** effort divides the RICE score, hence strictly positive. */
export function checkEffort(v: number, field = "effort"): string | null {
  return finite(v, field) ?? (v > 0 ? null : `${field} must be greater than 0`);
}
