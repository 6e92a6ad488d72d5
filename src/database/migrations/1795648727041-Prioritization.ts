import { MigrationInterface, QueryRunner } from "typeorm";

export class Prioritization1795648727041 implements MigrationInterface {
  name = "Prioritization1795648727041";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scoring_model" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "version" integer NOT NULL DEFAULT '1', "criteria" jsonb NOT NULL, "created_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scoring_model_name_length" CHECK (char_length(name) BETWEEN 1 AND 200), CONSTRAINT "PK_6b2cf8b8c54589bf0559d82c9af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "scoring_model_portfolio_idx" ON "scoring_model"  ("portfolio_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "scoring_model_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "model_id" uuid NOT NULL, "version" integer NOT NULL, "name" character varying(200) NOT NULL, "criteria" jsonb NOT NULL, "created_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scoring_model_version_unique" UNIQUE ("model_id", "version"), CONSTRAINT "PK_c8bdabfd0af4c351b7a6869847a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "initiative_criterion_score" ("initiative_id" uuid NOT NULL, "model_id" uuid NOT NULL, "criterion_key" character varying(50) NOT NULL, "value" double precision NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61500525aa31e9547e6b0b40998" PRIMARY KEY ("initiative_id", "model_id", "criterion_key"))`,
    );
    await queryRunner.query(`CREATE INDEX "initiative_criterion_score_model_idx" ON "initiative_criterion_score"  ("model_id") `);
    await queryRunner.query(
      `CREATE TABLE "scenario" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "input" jsonb NOT NULL, "result" jsonb NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ec7b57ee913fb77bb70ed3bc708" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "scenario_portfolio_idx" ON "scenario"  ("portfolio_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "business_value" integer`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "time_criticality" integer`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "risk_reduction" integer`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "job_size" integer`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "reach" double precision`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "impact" double precision`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "confidence" double precision`);
    await queryRunner.query(`ALTER TABLE "initiative" ADD "effort" double precision`);
    await queryRunner.query(
      `ALTER TABLE "initiative" ADD CONSTRAINT "initiative_rice_ranges" CHECK (reach >= 0 AND impact IN (0.25, 0.5, 1, 2, 3) AND confidence BETWEEN 0 AND 1 AND effort > 0)`,
    );
    await queryRunner.query(`ALTER TABLE "initiative" ADD CONSTRAINT "initiative_wsjf_scale" CHECK (business_value IN (1,2,3,5,8,13,20) AND time_criticality IN (1,2,3,5,8,13,20)
  AND risk_reduction IN (1,2,3,5,8,13,20) AND job_size IN (1,2,3,5,8,13,20))`);
    await queryRunner.query(
      `ALTER TABLE "scoring_model" ADD CONSTRAINT "FK_9e3ef30cbc766f9d3f13ee9ed97" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scoring_model_version" ADD CONSTRAINT "FK_af24c4b44987f15f9296241a0e8" FOREIGN KEY ("model_id") REFERENCES "scoring_model"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "initiative_criterion_score" ADD CONSTRAINT "FK_9ace6a02e77e536524bce9dc700" FOREIGN KEY ("initiative_id") REFERENCES "initiative"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "initiative_criterion_score" ADD CONSTRAINT "FK_c6eb4ee95b00dd59ca8aabcf689" FOREIGN KEY ("model_id") REFERENCES "scoring_model"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario" ADD CONSTRAINT "FK_7d5705977b9af244b121e65f23a" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scenario" DROP CONSTRAINT "FK_7d5705977b9af244b121e65f23a"`);
    await queryRunner.query(`ALTER TABLE "initiative_criterion_score" DROP CONSTRAINT "FK_c6eb4ee95b00dd59ca8aabcf689"`);
    await queryRunner.query(`ALTER TABLE "initiative_criterion_score" DROP CONSTRAINT "FK_9ace6a02e77e536524bce9dc700"`);
    await queryRunner.query(`ALTER TABLE "scoring_model_version" DROP CONSTRAINT "FK_af24c4b44987f15f9296241a0e8"`);
    await queryRunner.query(`ALTER TABLE "scoring_model" DROP CONSTRAINT "FK_9e3ef30cbc766f9d3f13ee9ed97"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP CONSTRAINT "initiative_wsjf_scale"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP CONSTRAINT "initiative_rice_ranges"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "effort"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "confidence"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "impact"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "reach"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "job_size"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "risk_reduction"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "time_criticality"`);
    await queryRunner.query(`ALTER TABLE "initiative" DROP COLUMN "business_value"`);
    await queryRunner.query(`DROP INDEX "public"."scenario_portfolio_idx"`);
    await queryRunner.query(`DROP TABLE "scenario"`);
    await queryRunner.query(`DROP INDEX "public"."initiative_criterion_score_model_idx"`);
    await queryRunner.query(`DROP TABLE "initiative_criterion_score"`);
    await queryRunner.query(`DROP TABLE "scoring_model_version"`);
    await queryRunner.query(`DROP INDEX "public"."scoring_model_portfolio_idx"`);
    await queryRunner.query(`DROP TABLE "scoring_model"`);
  }
}
