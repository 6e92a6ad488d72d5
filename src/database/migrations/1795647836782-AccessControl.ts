import { MigrationInterface, QueryRunner } from "typeorm";

export class AccessControl1795647836782 implements MigrationInterface {
  name = "AccessControl1795647836782";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portfolio_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "subject" character varying(200) NOT NULL, "role" character varying(12) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" character varying(200), CONSTRAINT "portfolio_member_unique" UNIQUE ("portfolio_id", "subject"), CONSTRAINT "portfolio_member_role_valid" CHECK (role IN ('VIEWER','CONTRIBUTOR','OWNER')), CONSTRAINT "PK_0bc1504f157abeb106a54c517a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "portfolio_member_subject_idx" ON "portfolio_member"  ("subject") `);
    await queryRunner.query(
      `CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "prefix" character varying(20) NOT NULL, "secret_hash" character(64) NOT NULL, "scope" character varying(20) NOT NULL, "metric_keys" text array NOT NULL DEFAULT '{}', "portfolio_ids" uuid array NOT NULL DEFAULT '{}', "created_by" character varying(200) NOT NULL, "created_by_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_token_scope_valid" CHECK (scope IN ('READ_ONLY','WRITE_MEASUREMENTS')), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_token_secret_hash_unique" ON "api_token"  ("secret_hash") `);
    await queryRunner.query(`CREATE INDEX "api_token_created_by_idx" ON "api_token"  ("created_by") `);
    await queryRunner.query(
      `ALTER TABLE "portfolio_member" ADD CONSTRAINT "FK_c02eecc90e0de3c1742116fefa7" FOREIGN KEY ("portfolio_id") REFERENCES "portfolio"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "portfolio_member" DROP CONSTRAINT "FK_c02eecc90e0de3c1742116fefa7"`);
    await queryRunner.query(`DROP INDEX "public"."api_token_created_by_idx"`);
    await queryRunner.query(`DROP INDEX "public"."api_token_secret_hash_unique"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP INDEX "public"."portfolio_member_subject_idx"`);
    await queryRunner.query(`DROP TABLE "portfolio_member"`);
  }
}
