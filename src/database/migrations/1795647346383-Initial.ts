import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795647346383 implements MigrationInterface {
  name = "Initial1795647346383";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portfolio" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "description" text, "owner" text, "parent_id" uuid, "budget" numeric(18,2), "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "portfolio_not_own_parent" CHECK (parent_id <> id), CONSTRAINT "portfolio_budget_nonnegative" CHECK (budget >= 0), CONSTRAINT "portfolio_name_length" CHECK (char_length(name) BETWEEN 1 AND 200), CONSTRAINT "PK_6936bb92ca4b7cda0ff28794e48" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "portfolio_parent_id_idx" ON "portfolio"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "initiative" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" text, "owner" text, "sponsor" text, "stage" character varying(20) NOT NULL DEFAULT 'IDEA', "budget" numeric(18,2), "actual_cost" numeric(18,2), "start_date" date, "target_date" date, "tags" text array NOT NULL DEFAULT '{}', CONSTRAINT "initiative_stage_valid" CHECK (stage IN ('IDEA','PROPOSED','APPROVED','IN_DELIVERY','DELIVERED','CLOSED','STOPPED')), CONSTRAINT "initiative_dates_ordered" CHECK (target_date >= start_date), CONSTRAINT "initiative_actual_cost_nonnegative" CHECK (actual_cost >= 0), CONSTRAINT "initiative_budget_nonnegative" CHECK (budget >= 0), CONSTRAINT "initiative_name_length" CHECK (char_length(name) BETWEEN 1 AND 200), CONSTRAINT "PK_139c30696418b01a4922ce3b916" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "initiative_created_at_idx" ON "initiative"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "initiative_name_idx" ON "initiative"  ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "initiative_portfolio_name_idx" ON "initiative"  ("portfolio_id", "name", "id") `);
    await queryRunner.query(
      `CREATE TABLE "metric" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "unit" character varying(50), "direction" character varying(10) NOT NULL, "aggregation" character varying(10) NOT NULL DEFAULT 'LAST', "cadence" character varying(10), "portfolio_id" uuid NOT NULL, CONSTRAINT "metric_cadence_valid" CHECK (cadence IN ('DAILY','WEEKLY','MONTHLY','QUARTERLY')), CONSTRAINT "metric_aggregation_valid" CHECK (aggregation IN ('LAST','SUM','AVERAGE','MIN','MAX')), CONSTRAINT "metric_direction_valid" CHECK (direction IN ('INCREASE','DECREASE')), CONSTRAINT "metric_name_length" CHECK (char_length(name) BETWEEN 1 AND 200), CONSTRAINT "metric_key_format" CHECK (key ~ '^[a-z0-9][a-z0-9_.-]{0,99}$'), CONSTRAINT "PK_7d24c075ea2926dd32bd1c534ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "metric_key_unique" ON "metric"  ("key") `);
    await queryRunner.query(`CREATE INDEX "metric_name_idx" ON "metric"  ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "metric_portfolio_name_idx" ON "metric"  ("portfolio_id", "name", "id") `);
    await queryRunner.query(
      `CREATE TABLE "outcome_hypothesis" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "metric_id" uuid NOT NULL, "statement" text NOT NULL, "baseline" double precision NOT NULL, "baseline_at" TIMESTAMP WITH TIME ZONE NOT NULL, "target" double precision NOT NULL, "target_date" TIMESTAMP WITH TIME ZONE NOT NULL, "weight" double precision NOT NULL DEFAULT '1', "expected_benefit" numeric(18,2) NOT NULL DEFAULT '0', "state" character varying(12) NOT NULL DEFAULT 'ACTIVE', CONSTRAINT "hypothesis_state_valid" CHECK (state IN ('DRAFT','ACTIVE','VALIDATED','INVALIDATED','ABANDONED')), CONSTRAINT "hypothesis_benefit_nonnegative" CHECK (expected_benefit >= 0), CONSTRAINT "hypothesis_weight_positive" CHECK (weight > 0), CONSTRAINT "hypothesis_target_differs" CHECK (target <> baseline), CONSTRAINT "hypothesis_dates_ordered" CHECK (target_date > baseline_at), CONSTRAINT "hypothesis_statement_length" CHECK (char_length(statement) BETWEEN 1 AND 2000), CONSTRAINT "PK_c5228c3d8be32757cf6eab83f38" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "hypothesis_created_at_idx" ON "outcome_hypothesis"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "hypothesis_metric_idx" ON "outcome_hypothesis"  ("metric_id") `);
    await queryRunner.query(`CREATE INDEX "hypothesis_initiative_idx" ON "outcome_hypothesis"  ("initiative_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "measurement" ("id" BIGSERIAL NOT NULL, "metric_id" uuid NOT NULL, "value" double precision NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" character varying(200) NOT NULL, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "measurement_natural_key" UNIQUE ("metric_id", "observed_at", "source"), CONSTRAINT "measurement_source_length" CHECK (char_length(source) BETWEEN 1 AND 200), CONSTRAINT "measurement_value_finite" CHECK (value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)), CONSTRAINT "PK_742ff3cc0dcbbd34533a9071dfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "measurement_revision" ("id" BIGSERIAL NOT NULL, "measurement_id" bigint NOT NULL, "value" double precision NOT NULL, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text, "superseded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d7ff2a87e549851b232a4f86f84" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "measurement_revision_measurement_idx" ON "measurement_revision"  ("measurement_id", "superseded_at") `);
    await queryRunner.query(
      `ALTER TABLE "portfolio" ADD CONSTRAINT "FK_a5e60145acbd3bbf285455a21f8" FOREIGN KEY ("parent_id") REFERENCES "portfolio"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "initiative" ADD CONSTRAINT "FK_2a1893c59120573caa66a2d7bea" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "metric" ADD CONSTRAINT "FK_b8997c09b393290b8c069ff16f2" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_hypothesis" ADD CONSTRAINT "FK_90077f020d8079c30a3cf7ca7b2" FOREIGN KEY ("initiative_id") REFERENCES "initiative"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_hypothesis" ADD CONSTRAINT "FK_096167e6babcb8ea8ef654bbad7" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measurement" ADD CONSTRAINT "FK_43fa51a6c38c84785d4bafc0dd5" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measurement_revision" ADD CONSTRAINT "FK_ae2fffa8fcf6307643349923a9c" FOREIGN KEY ("measurement_id") REFERENCES "measurement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // --- written by hand after generation ---
    // "Latest value at or before asOf" and series ranges are backward/forward scans of
    // this index; INCLUDE (value) makes them index-only.
    await queryRunner.query(
      `CREATE INDEX "measurement_metric_observed_idx" ON "measurement" ("metric_id", "observed_at", "recorded_at", "id") INCLUDE ("value")`,
    );
    await queryRunner.query(`CREATE INDEX "initiative_tags_idx" ON "initiative" USING gin ("tags")`);
    // A correction keeps the superseded value, whichever code path updates the row.
    await queryRunner.query(`CREATE FUNCTION measurement_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO measurement_revision (measurement_id, value, note, recorded_at, recorded_by, superseded_at)
        VALUES (OLD.id, OLD.value, OLD.note, OLD.recorded_at, OLD.recorded_by, NEW.recorded_at);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER measurement_keep_revision BEFORE UPDATE ON measurement
      FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value) EXECUTE FUNCTION measurement_keep_revision()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "measurement_keep_revision" ON "measurement"`);
    await queryRunner.query(`DROP FUNCTION measurement_keep_revision()`);
    await queryRunner.query(`DROP INDEX "public"."initiative_tags_idx"`);
    await queryRunner.query(`DROP INDEX "public"."measurement_metric_observed_idx"`);
    await queryRunner.query(`ALTER TABLE "measurement_revision" DROP CONSTRAINT "FK_ae2fffa8fcf6307643349923a9c"`);
    await queryRunner.query(`ALTER TABLE "measurement" DROP CONSTRAINT "FK_43fa51a6c38c84785d4bafc0dd5"`);
    await queryRunner.query(`ALTER TABLE "outcome_hypothesis" DROP CONSTRAINT "FK_096167e6babcb8ea8ef654bbad7"`);
    await queryRunner.query(`ALTER TABLE "outcome_hypothesis" DROP CONSTRAINT "FK_90077f020d8079c30a3cf7ca7b2"`);
    await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_b8997c09b393290b8c069ff16f2"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP CONSTRAINT "FK_2a1893c59120573caa66a2d7bea"`);
    await queryRunner.query(`ALTER TABLE "portfolio" DROP CONSTRAINT "FK_a5e60145acbd3bbf285455a21f8"`);
    await queryRunner.query(`DROP INDEX "public"."measurement_revision_measurement_idx"`);
    await queryRunner.query(`DROP TABLE "measurement_revision"`);
    await queryRunner.query(`DROP TABLE "measurement"`);
    await queryRunner.query(`DROP INDEX "public"."hypothesis_initiative_idx"`);
    await queryRunner.query(`DROP INDEX "public"."hypothesis_metric_idx"`);
    await queryRunner.query(`DROP INDEX "public"."hypothesis_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "outcome_hypothesis"`);
    await queryRunner.query(`DROP INDEX "public"."metric_portfolio_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."metric_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."metric_key_unique"`);
    await queryRunner.query(`DROP TABLE "metric"`);
    await queryRunner.query(`DROP INDEX "public"."initiative_portfolio_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."initiative_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."initiative_created_at_idx"`);
    await queryRunner.query(`DROP TABLE "initiative"`);
    await queryRunner.query(`DROP INDEX "public"."portfolio_parent_id_idx"`);
    await queryRunner.query(`DROP TABLE "portfolio"`);
  }
}
