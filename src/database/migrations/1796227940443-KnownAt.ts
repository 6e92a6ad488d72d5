import { MigrationInterface, QueryRunner } from "typeorm";

/** The tables whose past versions are kept (src/database/known-at.ts); a later one is added by calling rmo_keep_history. */
const TRACKED = ["portfolio", "initiative", "metric", "outcome_hypothesis", "portfolio_member", "scoring_model", "initiative_criterion_score"];

/**
 * "As known at" (DOMAIN.md, "History"). Every tracked table `t` gets:
 * - `known_from`: when its current version was recorded (default now() on insert, set by the trigger on update);
 * - `t_history`: every earlier version with the instant it stopped being current (`known_to`),
 *   written by the trigger `rmo_keep_history` in the transaction that replaced or deleted it,
 *   append-only like `change`;
 * - `t_at(k)`: the table as it was known at `k`, an inlinable SQL function (so the planner
 *   pushes conditions into both halves and uses their indexes).
 * Measurements keep theirs in `measurement_revision` (which now carries the natural key), read
 * by `measurement_at(k)`: the measurements that counted at `k`, with the values they had then.
 * Rows that existed before this migration are taken to have been known as they are now
 * since they were created: nothing older was kept.
 */
export class KnownAt1796227940443 implements MigrationInterface {
  name = "KnownAt1796227940443";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "portfolio" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "metric" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "outcome_hypothesis" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "portfolio_member" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "scoring_model" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "initiative_criterion_score" ADD "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    for (const t of TRACKED) {
      const since = t === "initiative_criterion_score" ? "updated_at" : "created_at";
      await queryRunner.query(`UPDATE "${t}" SET known_from = ${since}`);
    }

    // by hand: the generic history trigger, and the procedure that (re)builds a table's history and t_at(k)
    await queryRunner.query(`CREATE FUNCTION rmo_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
        -- the version being replaced, unless it was made earlier in this same transaction
        -- (nobody saw it); by columns' names, so the column order of the two tables may differ
        IF OLD.known_from < now() THEN
          EXECUTE format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, $1)', TG_TABLE_NAME || '_history', TG_TABLE_NAME || '_history')
            USING to_jsonb(OLD) || jsonb_build_object('known_to', now());
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        -- never before the version it replaces (a transaction that began before that one committed)
        NEW.known_from := greatest(now(), OLD.known_from);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION rmo_keep_history(t text) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE cols text; h text := t || '_history';
      BEGIN
        IF to_regclass(h) IS NULL THEN
          EXECUTE format('CREATE TABLE %I (LIKE %I)', h, t);
          EXECUTE format('ALTER TABLE %I ADD known_to timestamptz NOT NULL', h);
          EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION change_is_append_only()', h || '_append_only', h);
          EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION rmo_keep_history()', t || '_keep_history', t);
        ELSE
          -- columns added to t since: added to its history too (null in older versions)
          FOR cols IN SELECT format('ALTER TABLE %I ADD %I %s', h, a.attname, format_type(a.atttypid, a.atttypmod))
            FROM pg_attribute a WHERE a.attrelid = t::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND NOT EXISTS (SELECT 1 FROM pg_attribute b WHERE b.attrelid = h::regclass AND b.attname = a.attname AND NOT b.attisdropped)
          LOOP EXECUTE cols; END LOOP;
        END IF;
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
          FROM pg_attribute WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped;
        EXECUTE format('DROP FUNCTION IF EXISTS %I(timestamptz)', t || '_at');
        EXECUTE format('CREATE FUNCTION %I(k timestamptz) RETURNS SETOF %I LANGUAGE sql STABLE PARALLEL SAFE AS %L', t || '_at', t,
          format('SELECT %s FROM %I WHERE known_from <= k UNION ALL SELECT %s FROM %I WHERE known_from <= k AND known_to > k', cols, t, cols, h));
      END $$`);
    for (const t of TRACKED) await queryRunner.query(`SELECT rmo_keep_history($1)`, [t]);
    // by hand: the history tables are read by id and by the keys lists and rollups follow
    await queryRunner.query(`CREATE INDEX portfolio_history_id_idx ON portfolio_history (id, known_to)`);
    await queryRunner.query(`CREATE INDEX portfolio_history_parent_idx ON portfolio_history (parent_id)`);
    await queryRunner.query(`CREATE INDEX initiative_history_id_idx ON initiative_history (id, known_to)`);
    await queryRunner.query(`CREATE INDEX initiative_history_portfolio_idx ON initiative_history (portfolio_id)`);
    await queryRunner.query(`CREATE INDEX metric_history_id_idx ON metric_history (id, known_to)`);
    await queryRunner.query(`CREATE INDEX metric_history_portfolio_idx ON metric_history (portfolio_id)`);
    await queryRunner.query(`CREATE INDEX outcome_hypothesis_history_id_idx ON outcome_hypothesis_history (id, known_to)`);
    await queryRunner.query(`CREATE INDEX outcome_hypothesis_history_initiative_idx ON outcome_hypothesis_history (initiative_id)`);
    await queryRunner.query(`CREATE INDEX outcome_hypothesis_history_metric_idx ON outcome_hypothesis_history (metric_id)`);
    await queryRunner.query(`CREATE INDEX portfolio_member_history_portfolio_idx ON portfolio_member_history (portfolio_id)`);
    await queryRunner.query(`CREATE INDEX scoring_model_history_id_idx ON scoring_model_history (id, known_to)`);
    await queryRunner.query(`CREATE INDEX initiative_criterion_score_history_idx ON initiative_criterion_score_history (initiative_id, model_id)`);

    // measurement revisions carry the natural key, so the states that counted can be found by metric and time
    await queryRunner.query(`ALTER TABLE "measurement_revision" ADD "metric_id" uuid`);
    await queryRunner.query(`ALTER TABLE "measurement_revision" ADD "observed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "measurement_revision" ADD "source" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "measurement_revision" ADD "created_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE measurement_revision r SET metric_id = m.metric_id, observed_at = m.observed_at, source = m.source, created_at = m.created_at
      FROM measurement m WHERE m.id = r.measurement_id`);
    for (const c of ["metric_id", "observed_at", "source", "created_at"]) {
      await queryRunner.query(`ALTER TABLE "measurement_revision" ALTER COLUMN "${c}" SET NOT NULL`);
    }
    await queryRunner.query(`CREATE INDEX "measurement_revision_metric_observed_idx" ON "measurement_revision"
      ("metric_id", "observed_at", "recorded_at", "measurement_id") INCLUDE ("value", "superseded_at") WHERE retracted_at IS NULL`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION measurement_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO measurement_revision (measurement_id, metric_id, observed_at, source, created_at, value, note, recorded_at, recorded_by, retracted_at, superseded_at)
        VALUES (OLD.id, OLD.metric_id, OLD.observed_at, OLD.source, OLD.created_at, OLD.value, OLD.note, OLD.recorded_at, OLD.recorded_by, OLD.retracted_at,
          CASE WHEN NEW.retracted_at IS NOT NULL AND OLD.retracted_at IS NULL THEN NEW.retracted_at ELSE NEW.recorded_at END);
        RETURN NEW;
      END $$`);
    // a measurement counts at k in the state it had then: the current row if it was recorded by
    // k and is not retracted, else the revision current at k if that state was not a retraction
    await queryRunner.query(`CREATE FUNCTION measurement_at(k timestamptz) RETURNS SETOF measurement LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT id, metric_id, value, observed_at, source, note, recorded_at, recorded_by, created_at, retracted_at, retracted_by
        FROM measurement WHERE retracted_at IS NULL AND recorded_at <= k
      UNION ALL
      SELECT measurement_id, metric_id, value, observed_at, source, note, recorded_at, recorded_by, created_at, retracted_at, NULL::text
        FROM measurement_revision WHERE retracted_at IS NULL AND recorded_at <= k AND superseded_at > k
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION measurement_at(timestamptz)`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION measurement_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO measurement_revision (measurement_id, value, note, recorded_at, recorded_by, retracted_at, superseded_at)
        VALUES (OLD.id, OLD.value, OLD.note, OLD.recorded_at, OLD.recorded_by, OLD.retracted_at,
          CASE WHEN NEW.retracted_at IS NOT NULL AND OLD.retracted_at IS NULL THEN NEW.retracted_at ELSE NEW.recorded_at END);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP INDEX "public"."measurement_revision_metric_observed_idx"`);
    for (const c of ["created_at", "source", "observed_at", "metric_id"])
      await queryRunner.query(`ALTER TABLE "measurement_revision" DROP COLUMN "${c}"`);
    for (const t of [...TRACKED].reverse()) {
      await queryRunner.query(`DROP TRIGGER "${t}_keep_history" ON "${t}"`);
      await queryRunner.query(`DROP FUNCTION "${t}_at"(timestamptz)`);
      await queryRunner.query(`DROP TABLE "${t}_history"`);
      await queryRunner.query(`ALTER TABLE "${t}" DROP COLUMN "known_from"`);
    }
    await queryRunner.query(`DROP FUNCTION rmo_keep_history(text)`);
    await queryRunner.query(`DROP FUNCTION rmo_keep_history()`);
  }
}
