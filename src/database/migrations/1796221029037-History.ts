import { MigrationInterface, QueryRunner } from "typeorm";

export class History1796221029037 implements MigrationInterface {
  name = "History1796221029037";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "change" ("id" BIGSERIAL NOT NULL, "entity" character varying(60) NOT NULL, "entity_id" text NOT NULL, "version" integer, "operation" character varying(12) NOT NULL, "actor_kind" character varying(20) NOT NULL, "actor_id" character varying(200) NOT NULL, "request_id" character varying(200) NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "portfolio_ids" uuid array NOT NULL DEFAULT '{}', "owner_subject" character varying(200), "before" jsonb, "after" jsonb, "summary" jsonb, CONSTRAINT "PK_38168d337b66a2d98e059fe5820" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "change_actor_idx" ON "change"  ("actor_id", "changed_at") `);
    await queryRunner.query(`CREATE INDEX "change_at_idx" ON "change"  ("changed_at", "id") `);
    await queryRunner.query(`CREATE INDEX "change_entity_idx" ON "change"  ("entity", "entity_id", "changed_at", "id") `);
    // by hand: auditors' lists filter on the portfolios a change belongs to
    await queryRunner.query(`CREATE INDEX "change_portfolio_ids_idx" ON "change" USING GIN ("portfolio_ids")`);
    // by hand: changes are never edited (DOMAIN.md, "History")
    await queryRunner.query(`CREATE FUNCTION change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'change records are never edited or deleted'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER change_is_append_only BEFORE UPDATE OR DELETE ON "change" FOR EACH STATEMENT EXECUTE FUNCTION change_is_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER change_is_append_only ON "change"`);
    await queryRunner.query(`DROP FUNCTION change_is_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."change_portfolio_ids_idx"`);
    await queryRunner.query(`DROP INDEX "public"."change_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."change_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."change_actor_idx"`);
    await queryRunner.query(`DROP TABLE "change"`);
  }
}
