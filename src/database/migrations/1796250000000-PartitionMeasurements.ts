import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The measurement store partitioned by time (issue 16): `measurement` and
 * `measurement_revision` become PARTITION BY RANGE (observed_at), one partition per calendar
 * quarter (UTC) and a DEFAULT partition for outliers, converted in place with every row, id
 * and constraint kept.
 *
 * - Quarters: the default bench dataset (1M measurements over two years) gives partitions of
 *   ~125,000 rows; a lookup that names a time range reads only its quarters, and a series
 *   over a year reads four.
 * - Covered at conversion: every quarter from the first one holding data (at most
 *   HISTORY_YEARS back; at least BACKFILL_YEARS back, so a new database takes a backfill of
 *   recent history into partitions) through QUARTERS_AHEAD quarters after the current one.
 *   Older rows and rows beyond that are outliers: they live in the default partitions until
 *   `rmo_ensure_measurement_partitions` creates their quarter.
 * - Keys: Postgres requires every unique constraint of a partitioned table to contain the
 *   partition key, so the primary keys become (id, observed_at); ids and global IDs are
 *   unchanged. No constraint can keep id alone unique across partitions any more: the one
 *   sequence that fills it does (nothing inserts ids of its own). The natural key (metric_id,
 *   observed_at, source) already contains it. A revision carries its measurement's
 *   observed_at, so its foreign key becomes (measurement_id, observed_at): Postgres 12 and
 *   later accept a foreign key that references a partitioned table.
 * - `rmo_ensure_measurement_partitions(from, until)` creates the missing quarters meeting
 *   [from, until) in pairs, moving the rows its new range holds out of the default
 *   partitions (src/measurement/partitions.ts runs it ahead of time).
 * - Cost: up() copies both tables once and builds their keys and indexes after the copy,
 *   about 10 s for the bench's million measurements (`npm run bench -- --only=partition`).
 *   Past a few million rows the copy outlasts the default statement timeout: run it with
 *   RMO_STATEMENT_TIMEOUT_MS raised, then VACUUM ANALYZE measurement (index-only scans need
 *   the copied rows marked all-visible).
 */
const QUARTERS_AHEAD = 4;
const HISTORY_YEARS = 20;
const BACKFILL_YEARS = 2;

const MEASUREMENT_COLUMNS = `"id" bigint NOT NULL DEFAULT nextval('measurement_id_seq'::regclass),
  "metric_id" uuid NOT NULL, "value" double precision NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "source" character varying(200) NOT NULL, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "recorded_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "retracted_at" TIMESTAMP WITH TIME ZONE, "retracted_by" text,
  CONSTRAINT "measurement_source_length" CHECK (char_length(source) BETWEEN 1 AND 200),
  CONSTRAINT "measurement_value_finite" CHECK (value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))`;
const REVISION_COLUMNS = `"id" bigint NOT NULL DEFAULT nextval('measurement_revision_id_seq'::regclass),
  "measurement_id" bigint NOT NULL, "value" double precision NOT NULL, "note" text,
  "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text,
  "superseded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retracted_at" TIMESTAMP WITH TIME ZONE,
  "metric_id" uuid NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "source" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL`;
const MEASUREMENT_NAMES = `id, metric_id, value, observed_at, source, note, recorded_at, recorded_by, created_at, retracted_at, retracted_by`;
const REVISION_NAMES = `id, measurement_id, value, note, recorded_at, recorded_by, superseded_at, retracted_at, metric_id, observed_at, source, created_at`;

/** The names of the constraints and indexes that are the same in both shapes (index names are unique per schema). */
const METRIC_FK = "FK_43fa51a6c38c84785d4bafc0dd5";
const SHAPES = {
  plain: {
    measurementPk: "PK_742ff3cc0dcbbd34533a9071dfd",
    revisionPk: "PK_d7ff2a87e549851b232a4f86f84",
    revisionFk: "FK_ae2fffa8fcf6307643349923a9c",
  },
  partitioned: {
    measurementPk: "PK_1a79593f10694e94d11085b938d",
    revisionPk: "PK_9c5639c87d0597220d41636369f",
    revisionFk: "FK_c1df758aea146d88aa23dada9ec",
  },
};

// a measurement counts at k in the state it had then (migration KnownAt); bound to the table's row type, so rebuilt with it
const MEASUREMENT_AT = `CREATE FUNCTION measurement_at(k timestamptz) RETURNS SETOF measurement LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT id, metric_id, value, observed_at, source, note, recorded_at, recorded_by, created_at, retracted_at, retracted_by
        FROM measurement WHERE retracted_at IS NULL AND recorded_at <= k
      UNION ALL
      SELECT measurement_id, metric_id, value, observed_at, source, note, recorded_at, recorded_by, created_at, retracted_at, NULL::text
        FROM measurement_revision WHERE retracted_at IS NULL AND recorded_at <= k AND superseded_at > k
    $$`;

/**
 * Creates the quarters meeting [from_at, until) that have no partitions yet, each as a pair
 * (measurement_YYYYqN, measurement_revision_YYYYqN), and returns them with the rows moved in.
 * Postgres refuses a partition whose range has rows in the default partition, so those rows
 * are moved into the new table first, which is then attached. This is storage maintenance,
 * not a change: rows keep their ids and every column, no UPDATE runs (the revision trigger
 * does not fire) and nothing is recorded. Revisions are moved first, because deleting a
 * measurement from the default partition cascades to the revisions still referencing it.
 */
const ENSURE_PARTITIONS = `CREATE FUNCTION rmo_ensure_measurement_partitions(from_at timestamptz, until timestamptz)
  RETURNS TABLE (partition text, moved bigint) LANGUAGE plpgsql AS $$
  DECLARE
    q timestamp := date_trunc('quarter', from_at AT TIME ZONE 'UTC');
    lo timestamptz;
    hi timestamptz;
    t text;
    part text;
    present int;
    locked boolean := false;
    spare regclass;
    cols text;
    con record;
  BEGIN
    -- one maintainer at a time: every API process runs this
    PERFORM pg_advisory_xact_lock(hashtext('rmo_ensure_measurement_partitions'));
    WHILE q AT TIME ZONE 'UTC' < until LOOP
      lo := q AT TIME ZONE 'UTC';
      hi := (q + interval '3 months') AT TIME ZONE 'UTC';
      SELECT count(*) INTO present FROM pg_inherits
        WHERE inhrelid IN (to_regclass('measurement_' || to_char(q, 'YYYY"q"Q')), to_regclass('measurement_revision_' || to_char(q, 'YYYY"q"Q')));
      IF present = 1 THEN
        RAISE EXCEPTION 'only one of measurement_% and measurement_revision_% is a partition: they are created in pairs', to_char(q, 'YYYY"q"Q'), to_char(q, 'YYYY"q"Q');
      END IF;
      IF present = 0 THEN
        IF NOT locked THEN
          -- the default partitions, in the order writes take them (a measurement, then its revision)
          FOR spare IN SELECT p.partdefid::regclass FROM pg_partitioned_table p
              WHERE p.partrelid IN ('measurement'::regclass, 'measurement_revision'::regclass) AND p.partdefid <> 0
              ORDER BY p.partrelid = 'measurement'::regclass DESC LOOP
            EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', spare);
          END LOOP;
          locked := true;
        END IF;
        FOREACH t IN ARRAY ARRAY['measurement_revision', 'measurement'] LOOP
          part := t || '_' || to_char(q, 'YYYY"q"Q');
          EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, t);
          SELECT p.partdefid::regclass INTO spare FROM pg_partitioned_table p WHERE p.partrelid = t::regclass AND p.partdefid <> 0;
          IF spare IS NOT NULL THEN
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
              FROM pg_attribute WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped;
            EXECUTE format('WITH gone AS (DELETE FROM %s WHERE observed_at >= $1 AND observed_at < $2 RETURNING %s) INSERT INTO %I (%s) SELECT %s FROM gone',
              spare, cols, part, cols, cols) USING lo, hi;
          END IF;
        END LOOP;
        FOREACH t IN ARRAY ARRAY['measurement', 'measurement_revision'] LOOP
          part := t || '_' || to_char(q, 'YYYY"q"Q');
          -- the parent's checks, added after the rows so a NOT VALID one stays unchecked on rows stored before it
          FOR con IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = t::regclass AND contype = 'c' LOOP
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', part, con.conname, con.def);
          END LOOP;
          -- builds the parent's indexes and keys on it, clones its triggers and foreign keys, checks the range
          EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', t, part, lo, hi);
          partition := part;
          EXECUTE format('SELECT count(*) FROM %I', part) INTO moved;
          RETURN NEXT;
        END LOOP;
      END IF;
      q := q + interval '3 months';
    END LOOP;
  END $$`;

/** Builds the keys, checks, indexes, trigger and measurement_at on freshly filled tables of either shape. */
async function constrain(queryRunner: QueryRunner, shape: keyof typeof SHAPES): Promise<void> {
  const names = SHAPES[shape];
  const partitioned = shape === "partitioned";
  const key = partitioned ? `"id", "observed_at"` : `"id"`;
  await queryRunner.query(`ALTER TABLE "measurement" ADD CONSTRAINT "${names.measurementPk}" PRIMARY KEY (${key})`);
  await queryRunner.query(`ALTER TABLE "measurement" ADD CONSTRAINT "measurement_natural_key" UNIQUE ("metric_id", "observed_at", "source")`);
  await queryRunner.query(
    `ALTER TABLE "measurement" ADD CONSTRAINT "${METRIC_FK}" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  );
  // rows stored before the bound existed stay unchecked (migration Idempotency)
  await queryRunner.query(`ALTER TABLE "measurement" ADD CONSTRAINT "measurement_value_bound" CHECK (abs(value) <= 1e15) NOT VALID`);
  await queryRunner.query(
    `CREATE INDEX "measurement_metric_observed_idx" ON "measurement" ("metric_id", "observed_at", "recorded_at", "id") INCLUDE ("value") WHERE retracted_at IS NULL`,
  );
  await queryRunner.query(`ALTER TABLE "measurement_revision" ADD CONSTRAINT "${names.revisionPk}" PRIMARY KEY (${key})`);
  await queryRunner.query(
    `ALTER TABLE "measurement_revision" ADD CONSTRAINT "${names.revisionFk}" FOREIGN KEY ("measurement_id"${partitioned ? `, "observed_at"` : ""})
       REFERENCES "measurement"(${key}) ON DELETE CASCADE ON UPDATE NO ACTION`,
  );
  await queryRunner.query(`CREATE INDEX "measurement_revision_measurement_idx" ON "measurement_revision" ("measurement_id", "superseded_at")`);
  await queryRunner.query(`CREATE INDEX "measurement_revision_metric_observed_idx" ON "measurement_revision"
      ("metric_id", "observed_at", "recorded_at", "measurement_id") INCLUDE ("value", "superseded_at") WHERE retracted_at IS NULL`);
  await queryRunner.query(`CREATE TRIGGER measurement_keep_revision BEFORE UPDATE ON measurement
      FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value OR OLD.retracted_at IS DISTINCT FROM NEW.retracted_at)
      EXECUTE FUNCTION measurement_keep_revision()`);
  await queryRunner.query(MEASUREMENT_AT);
  // the planner's statistics, for the parents too (autovacuum analyzes only the partitions)
  await queryRunner.query(`ANALYZE "measurement", "measurement_revision"`);
}

/**
 * Moves both tables aside (with their index names freed), creates them anew in `shape` with
 * `make` (partitions and all), copies every row, hands the id sequences over, drops the old ones.
 */
async function rebuild(queryRunner: QueryRunner, from: keyof typeof SHAPES, make: () => Promise<void>): Promise<void> {
  const old = SHAPES[from];
  await queryRunner.query(`DROP FUNCTION measurement_at(timestamptz)`);
  await queryRunner.query(`ALTER TABLE "measurement_revision" DROP CONSTRAINT "${old.revisionFk}"`);
  await queryRunner.query(`ALTER TABLE "measurement_revision" RENAME TO "measurement_revision_old"`);
  await queryRunner.query(`ALTER TABLE "measurement" RENAME TO "measurement_old"`);
  await queryRunner.query(`ALTER TABLE "measurement_revision_old" DROP CONSTRAINT "${old.revisionPk}"`);
  await queryRunner.query(`DROP INDEX "public"."measurement_revision_measurement_idx"`);
  await queryRunner.query(`DROP INDEX "public"."measurement_revision_metric_observed_idx"`);
  await queryRunner.query(`ALTER TABLE "measurement_old" DROP CONSTRAINT "${old.measurementPk}"`);
  await queryRunner.query(`ALTER TABLE "measurement_old" DROP CONSTRAINT "measurement_natural_key"`);
  await queryRunner.query(`DROP INDEX "public"."measurement_metric_observed_idx"`);

  await make();
  // keys and indexes are built once the rows are in (faster than keeping them up row by row)
  await queryRunner.query(`INSERT INTO "measurement" (${MEASUREMENT_NAMES}) SELECT ${MEASUREMENT_NAMES} FROM "measurement_old"`);
  await queryRunner.query(`INSERT INTO "measurement_revision" (${REVISION_NAMES}) SELECT ${REVISION_NAMES} FROM "measurement_revision_old"`);
  // the sequences go on from where they were; owned by the new columns, they outlive the old tables
  await queryRunner.query(`ALTER SEQUENCE "measurement_id_seq" OWNED BY "measurement"."id"`);
  await queryRunner.query(`ALTER SEQUENCE "measurement_revision_id_seq" OWNED BY "measurement_revision"."id"`);
  await queryRunner.query(`DROP TABLE "measurement_revision_old"`);
  await queryRunner.query(`DROP TABLE "measurement_old"`);
}

export class PartitionMeasurements1796250000000 implements MigrationInterface {
  name = "PartitionMeasurements1796250000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(queryRunner, "plain", async () => {
      await queryRunner.query(`CREATE TABLE "measurement" (${MEASUREMENT_COLUMNS}) PARTITION BY RANGE ("observed_at")`);
      await queryRunner.query(`CREATE TABLE "measurement_revision" (${REVISION_COLUMNS}) PARTITION BY RANGE ("observed_at")`);
      await queryRunner.query(`CREATE TABLE "measurement_default" PARTITION OF "measurement" DEFAULT`);
      await queryRunner.query(`CREATE TABLE "measurement_revision_default" PARTITION OF "measurement_revision" DEFAULT`);
      await queryRunner.query(ENSURE_PARTITIONS);
      // every quarter from the first with data (at most HISTORY_YEARS, at least BACKFILL_YEARS back) to QUARTERS_AHEAD after this one
      await queryRunner.query(
        `SELECT rmo_ensure_measurement_partitions(
           least(now() - make_interval(years => $2),
             (SELECT min(observed_at) FROM "measurement_old" WHERE observed_at >= now() - make_interval(years => $1))),
           (date_trunc('quarter', now() AT TIME ZONE 'UTC') + make_interval(months => 3 * (1 + $3))) AT TIME ZONE 'UTC')`,
        [HISTORY_YEARS, BACKFILL_YEARS, QUARTERS_AHEAD],
      );
    });
    await constrain(queryRunner, "partitioned");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION rmo_ensure_measurement_partitions(timestamptz, timestamptz)`);
    await rebuild(queryRunner, "partitioned", async () => {
      await queryRunner.query(`CREATE TABLE "measurement" (${MEASUREMENT_COLUMNS})`);
      await queryRunner.query(`CREATE TABLE "measurement_revision" (${REVISION_COLUMNS})`);
    });
    await constrain(queryRunner, "plain");
  }
}
