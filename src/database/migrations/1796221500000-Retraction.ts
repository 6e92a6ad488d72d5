import { MigrationInterface, QueryRunner } from "typeorm";

export class Retraction1796221500000 implements MigrationInterface {
  name = "Retraction1796221500000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "measurement" ADD "retracted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "measurement" ADD "retracted_by" text`);
    await queryRunner.query(`ALTER TABLE "measurement_revision" ADD "retracted_at" TIMESTAMP WITH TIME ZONE`);
    // by hand: value lookups count only measurements that are not retracted, so the covering
    // index holds only those and stays index-only for them
    await queryRunner.query(`DROP INDEX "public"."measurement_metric_observed_idx"`);
    await queryRunner.query(
      `CREATE INDEX "measurement_metric_observed_idx" ON "measurement" ("metric_id", "observed_at", "recorded_at", "id") INCLUDE ("value") WHERE retracted_at IS NULL`,
    );
    // by hand: a retraction, and a recording after one, keep the state they replace too
    await queryRunner.query(`CREATE OR REPLACE FUNCTION measurement_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO measurement_revision (measurement_id, value, note, recorded_at, recorded_by, retracted_at, superseded_at)
        VALUES (OLD.id, OLD.value, OLD.note, OLD.recorded_at, OLD.recorded_by, OLD.retracted_at,
          CASE WHEN NEW.retracted_at IS NOT NULL AND OLD.retracted_at IS NULL THEN NEW.retracted_at ELSE NEW.recorded_at END);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER "measurement_keep_revision" ON "measurement"`);
    await queryRunner.query(`CREATE TRIGGER measurement_keep_revision BEFORE UPDATE ON measurement
      FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value OR OLD.retracted_at IS DISTINCT FROM NEW.retracted_at)
      EXECUTE FUNCTION measurement_keep_revision()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "measurement_keep_revision" ON "measurement"`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION measurement_keep_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO measurement_revision (measurement_id, value, note, recorded_at, recorded_by, superseded_at)
        VALUES (OLD.id, OLD.value, OLD.note, OLD.recorded_at, OLD.recorded_by, NEW.recorded_at);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER measurement_keep_revision BEFORE UPDATE ON measurement
      FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value) EXECUTE FUNCTION measurement_keep_revision()`);
    await queryRunner.query(`DROP INDEX "public"."measurement_metric_observed_idx"`);
    await queryRunner.query(
      `CREATE INDEX "measurement_metric_observed_idx" ON "measurement" ("metric_id", "observed_at", "recorded_at", "id") INCLUDE ("value")`,
    );
    await queryRunner.query(`ALTER TABLE "measurement_revision" DROP COLUMN "retracted_at"`);
    await queryRunner.query(`ALTER TABLE "measurement" DROP COLUMN "retracted_by"`);
    await queryRunner.query(`ALTER TABLE "measurement" DROP COLUMN "retracted_at"`);
  }
}
