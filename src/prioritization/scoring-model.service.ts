import { Context } from "../context";
import { ConnectionResult, OrderDirection } from "../common/connection";
import { fetchPageOfParent, PagePlan } from "../common/page";
import { changesFrom, Tx } from "../database/write";
import { BadUserInputError, NotFoundError } from "../errors";
import { expectGlobalId } from "../common/global-id";
import { PortfolioRole } from "../access/roles";
import { requirePortfolioKey } from "../portfolio/portfolio.service";
import { initiativeLoader, requireInitiativeKey } from "../initiative/initiative.service";
import { SCORING_MODEL_COLUMNS, ScoringCriterion, ScoringModel, ScoringModelVersion } from "./scoring-model.entity";
import { CreateScoringModelInput, ScoringCriterionInput, SetInitiativeScoresInput, UpdateScoringModelInput } from "./scoring-model.inputs";
import { checkCriteria, checkCriterionValue } from "./scoring";
import { KnownAt } from "../database/known-at";

export function scoringModelLoader(ctx: Context, k: KnownAt = ctx.knownAt) {
  return ctx.loaders.byId(ScoringModel, k);
}

/** A visible scoring model (as known at `k`: its criteria then), or NOT_FOUND naming the field. */
export async function requireScoringModel(ctx: Context, id: string, field: string, k: KnownAt = ctx.knownAt): Promise<ScoringModel> {
  const model = await scoringModelLoader(ctx, k).load(expectGlobalId(id, "ScoringModel", field));
  if (!model) throw new NotFoundError(`Scoring model ${id} not found`, field);
  return model;
}

/** `Portfolio.scoringModels` for a page of portfolios in one statement. */
export function scoringModelsOf(ctx: Context, portfolioId: string, plan: PagePlan<ScoringModel>): Promise<ConnectionResult<ScoringModel>> {
  const q = { entity: ScoringModel, conditions: [], sort: "t.name", direction: OrderDirection.ASC };
  return fetchPageOfParent(ctx, q, plan, "portfolio_id", portfolioId);
}

function criteriaOf(input: ScoringCriterionInput[]): ScoringCriterion[] {
  const criteria = input.map(({ key, name, weight, min, max }) => ({ key, name, weight, min, max }));
  const problem = checkCriteria(criteria, "input.criteria");
  if (problem) throw new BadUserInputError(problem, "input.criteria");
  // class-validator does not descend into the list's objects, so their @Length rules are checked here
  criteria.forEach((c, i) => {
    if (c.key.length < 1 || c.key.length > 50) throw new BadUserInputError("key must be 1–50 characters", `input.criteria.${i}.key`);
    if (c.name.length < 1 || c.name.length > 200) throw new BadUserInputError("name must be 1–200 characters", `input.criteria.${i}.name`);
  });
  return criteria;
}

/** Keeps the model's new version beside it (rankings name the version they used). */
async function saveVersion(ctx: Context, tx: Tx, model: ScoringModel): Promise<void> {
  await tx.insert(ScoringModelVersion, {
    modelId: model.rowId,
    version: model.version,
    name: model.name,
    criteria: model.criteria,
    createdBy: ctx.access.viewer.subject,
  });
}

export async function createScoringModel(ctx: Context, input: CreateScoringModelInput): Promise<ScoringModel> {
  const portfolioId = await requirePortfolioKey(ctx, input.portfolioId, "input.portfolioId");
  await ctx.access.require(portfolioId, PortfolioRole.OWNER, "Portfolio", "input.portfolioId");
  const criteria = criteriaOf(input.criteria);
  return ctx.write(async (tx) => {
    const columns = changesFrom(SCORING_MODEL_COLUMNS, input, {}, "create", "input");
    const model = await tx.insert(ScoringModel, { ...columns, portfolioId, criteria, createdBy: ctx.access.viewer.subject });
    await saveVersion(ctx, tx, model);
    return model;
  });
}

export async function updateScoringModel(ctx: Context, input: UpdateScoringModelInput): Promise<ScoringModel> {
  const model = await requireScoringModel(ctx, input.id, "input.id");
  await ctx.access.require(model.portfolioId, PortfolioRole.OWNER, "Scoring model", "input.id");
  const columns = changesFrom(SCORING_MODEL_COLUMNS, input, { id: true, expectedVersion: true }, "update", "input");
  const criteria = input.criteria ? criteriaOf(input.criteria) : undefined;
  return ctx.write(async (tx) => {
    const current = await tx.lock(ScoringModel, model.rowId, "input", input.expectedVersion);
    // nothing to change, nothing to version
    const updated = await tx.update(ScoringModel, current, { ...columns, criteria });
    if (updated !== current) await saveVersion(ctx, tx, updated);
    return updated;
  });
}

/** The initiative's values on every criterion of the model's current version, in criteria order. */
export async function scoresOf(ctx: Context, initiativeId: string, model: ScoringModel) {
  const rows: Array<{ criterion_key: string; value: number }> = await ctx.dataSource.query(
    "SELECT criterion_key, value FROM initiative_criterion_score WHERE initiative_id = $1 AND model_id = $2",
    [initiativeId, model.rowId],
  );
  const byKey = new Map(rows.map((r) => [r.criterion_key, r.value]));
  return model.criteria.map((c) => ({ key: c.key, value: byKey.get(c.key) ?? null }));
}

export async function setInitiativeScores(ctx: Context, input: SetInitiativeScoresInput) {
  const initiativeId = await requireInitiativeKey(ctx, input.initiativeId, "input.initiativeId");
  const initiative = (await initiativeLoader(ctx).load(initiativeId))!;
  await ctx.access.require(initiative.portfolioId, PortfolioRole.OWNER, "Initiative", "input.initiativeId");
  const model = await requireScoringModel(ctx, input.scoringModelId, "input.scoringModelId");
  const criteria = new Map(model.criteria.map((c) => [c.key, c]));
  const seen = new Set<string>();
  input.scores.forEach((s, i) => {
    const c = criteria.get(s.key);
    if (!c) throw new BadUserInputError(`The model has no criterion "${s.key}"`, `input.scores.${i}.key`);
    if (seen.has(s.key)) throw new BadUserInputError(`Criterion "${s.key}" given twice`, `input.scores.${i}.key`);
    seen.add(s.key);
    const problem = s.value === null ? null : checkCriterionValue(c, s.value, `input.scores.${i}.value`);
    if (problem) throw new BadUserInputError(problem, `input.scores.${i}.value`);
  });
  const set = input.scores.filter((s) => s.value !== null);
  const cleared = input.scores.filter((s) => s.value === null).map((s) => s.key);
  await ctx.write(async (tx) => {
    if (set.length) {
      await tx.query(
        `INSERT INTO initiative_criterion_score (initiative_id, model_id, criterion_key, value)
         SELECT $1, $2, k, v FROM unnest($3::text[], $4::float8[]) AS x(k, v)
         ON CONFLICT (initiative_id, model_id, criterion_key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [initiativeId, model.rowId, set.map((s) => s.key), set.map((s) => s.value)],
      );
    }
    if (cleared.length) {
      await tx.query("DELETE FROM initiative_criterion_score WHERE initiative_id = $1 AND model_id = $2 AND criterion_key = ANY($3::text[])", [
        initiativeId,
        model.rowId,
        cleared,
      ]);
    }
    // a set-based write: one change naming what was set and cleared
    await tx.recordChange({
      entity: "InitiativeCriterionScore",
      table: "initiative_criterion_score",
      id: initiativeId,
      operation: "UPDATE",
      version: null,
      before: null,
      after: Object.fromEntries(input.scores.map((s) => [s.key, s.value])),
      summary: { modelId: model.rowId },
    });
  });
  return { initiative, scoringModel: model, scores: await scoresOf(ctx, initiativeId, model) };
}
