import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Idempotency keys (issue 13, API.md "Errors": CONFLICT): a mutation sent with an
 * `Idempotency-Key` claims its key in the same transaction as its writes, and its response is
 * kept beside it for 24 hours, so a retry is answered with that response instead of being
 * applied again. Operational state, not domain data: no history, no entity.
 *
 * Also states the measurement value bound (|value| ≤ 1e15) in the database. NOT VALID: rows
 * stored before the bound existed are not rechecked (nothing refused them then), new and
 * changed rows are.
 */
export class Idempotency1796240000000 implements MigrationInterface {
  name = "Idempotency1796240000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" (
         "owner" text NOT NULL,
         "key" text NOT NULL,
         "request_hash" character varying(64) NOT NULL,
         "request_id" text NOT NULL,
         "instance" integer NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "response_status" integer,
         "response" jsonb,
         CONSTRAINT "idempotency_key_pk" PRIMARY KEY ("owner", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idempotency_key_created_idx" ON "idempotency_key" ("created_at")`);
    await queryRunner.query(`ALTER TABLE "measurement" ADD CONSTRAINT "measurement_value_bound" CHECK (abs(value) <= 1e15) NOT VALID`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "measurement" DROP CONSTRAINT "measurement_value_bound"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
