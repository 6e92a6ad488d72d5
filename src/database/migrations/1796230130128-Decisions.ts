import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Decisions, stage gates and funding tranches (DOMAIN.md). The stage ON_HOLD (PAUSE) joins
 * the stages. The three tables keep their history like every tracked table (migration
 * KnownAt), so they can be read as known at any instant; decisions are never edited.
 */
export class Decisions1796230130128 implements MigrationInterface {
  name = "Decisions1796230130128";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "portfolio_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "rationale" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" character varying(200) NOT NULL, "review_by" date, "stage_before" character varying(20) NOT NULL, "stage_after" character varying(20) NOT NULL, "acknowledges" text array NOT NULL DEFAULT '{}', "released_tranche_ids" uuid array NOT NULL DEFAULT '{}', "override_reason" text, "overridden_criteria" jsonb, "evidence_canonical" text NOT NULL, "evidence_hash" character varying(64) NOT NULL, "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "decision_rationale_length" CHECK (char_length(rationale) BETWEEN 1 AND 10000), CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "decision_portfolio_idx" ON "decision"  ("portfolio_id", "decided_at") `);
    await queryRunner.query(`CREATE INDEX "decision_initiative_idx" ON "decision"  ("initiative_id", "decided_at") `);
    await queryRunner.query(
      `CREATE TABLE "funding_tranche" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "amount" numeric(18,2) NOT NULL, "planned_date" date NOT NULL, "state" character varying(12) NOT NULL DEFAULT 'PLANNED', "released_by_decision_id" uuid, "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "funding_tranche_state_valid" CHECK (state IN ('PLANNED','RELEASED','CANCELLED')), CONSTRAINT "funding_tranche_amount_positive" CHECK (amount > 0), CONSTRAINT "PK_a6b5e535bdb1e73978b187e543a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "funding_tranche_initiative_idx" ON "funding_tranche"  ("initiative_id", "planned_date") `);
    await queryRunner.query(
      `CREATE TABLE "gate_policy" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "gates" jsonb NOT NULL, CONSTRAINT "PK_ac61ff04295cf52a1ab109fa098" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "gate_policy_portfolio_idx" ON "gate_policy"  ("portfolio_id") `);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "FK_0b6acca1773e10e6d1cd252f38f" FOREIGN KEY ("initiative_id") REFERENCES "initiative"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "FK_97377b4b378e7608dba6bfba45e" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding_tranche" ADD CONSTRAINT "FK_5f126cac1ef4c7fc79ad6345de9" FOREIGN KEY ("initiative_id") REFERENCES "initiative"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "gate_policy" ADD CONSTRAINT "FK_f2a4603ba6e3b333e6036628f8c" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "signal_snooze" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "initiative_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "until" date NOT NULL, "reason" text NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "known_from" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d02e10add32ab743559d4db1015" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "signal_snooze_initiative_idx" ON "signal_snooze"  ("initiative_id", "kind", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "signal_snooze" ADD CONSTRAINT "FK_ddf5b1056fbff4c2ef52f491e40" FOREIGN KEY ("initiative_id") REFERENCES "initiative"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "initiative" ADD "released_funding" numeric(18,2) NOT NULL DEFAULT '0'`);
    // by hand: the new column is kept in initiative's history too (and initiative_at rebuilt)
    await queryRunner.query(`SELECT rmo_keep_history('initiative')`);
    // by hand: PAUSE puts an initiative ON_HOLD
    await queryRunner.query(`ALTER TABLE "initiative" DROP CONSTRAINT "initiative_stage_valid"`);
    await queryRunner.query(
      `ALTER TABLE "initiative" ADD CONSTRAINT "initiative_stage_valid" CHECK (stage IN ('IDEA','PROPOSED','APPROVED','IN_DELIVERY','ON_HOLD','DELIVERED','CLOSED','STOPPED'))`,
    );
    // by hand: history kept like every tracked table; a decision is never edited
    for (const t of ["decision", "funding_tranche", "gate_policy", "signal_snooze"]) await queryRunner.query(`SELECT rmo_keep_history($1)`, [t]);
    await queryRunner.query(`CREATE INDEX funding_tranche_history_initiative_idx ON funding_tranche_history (initiative_id)`);
    await queryRunner.query(`CREATE INDEX gate_policy_history_portfolio_idx ON gate_policy_history (portfolio_id)`);
    await queryRunner.query(
      `CREATE TRIGGER decision_is_append_only BEFORE UPDATE ON "decision" FOR EACH STATEMENT EXECUTE FUNCTION change_is_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER decision_is_append_only ON "decision"`);
    for (const t of ["signal_snooze", "gate_policy", "funding_tranche", "decision"]) {
      await queryRunner.query(`DROP TRIGGER "${t}_keep_history" ON "${t}"`);
      await queryRunner.query(`DROP FUNCTION "${t}_at"(timestamptz)`);
      await queryRunner.query(`DROP TABLE "${t}_history"`);
    }
    await queryRunner.query(`DROP TABLE "signal_snooze"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "released_funding"`);
    await queryRunner.query(`ALTER TABLE "initiative_history" DROP COLUMN "released_funding"`);
    await queryRunner.query(`SELECT rmo_keep_history('initiative')`);
    await queryRunner.query(`UPDATE "initiative" SET stage = 'APPROVED' WHERE stage = 'ON_HOLD'`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP CONSTRAINT "initiative_stage_valid"`);
    await queryRunner.query(
      `ALTER TABLE "initiative" ADD CONSTRAINT "initiative_stage_valid" CHECK (stage IN ('IDEA','PROPOSED','APPROVED','IN_DELIVERY','DELIVERED','CLOSED','STOPPED'))`,
    );
    await queryRunner.query(`ALTER TABLE "gate_policy" DROP CONSTRAINT "FK_f2a4603ba6e3b333e6036628f8c"`);
    await queryRunner.query(`ALTER TABLE "funding_tranche" DROP CONSTRAINT "FK_5f126cac1ef4c7fc79ad6345de9"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_97377b4b378e7608dba6bfba45e"`);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_0b6acca1773e10e6d1cd252f38f"`);
    await queryRunner.query(`DROP INDEX "public"."gate_policy_portfolio_idx"`);
    await queryRunner.query(`DROP TABLE "gate_policy"`);
    await queryRunner.query(`DROP INDEX "public"."funding_tranche_initiative_idx"`);
    await queryRunner.query(`DROP TABLE "funding_tranche"`);
    await queryRunner.query(`DROP INDEX "public"."decision_initiative_idx"`);
    await queryRunner.query(`DROP INDEX "public"."decision_portfolio_idx"`);
    await queryRunner.query(`DROP TABLE "decision"`);
  }
}
