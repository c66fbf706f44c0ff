import { MigrationInterface, QueryRunner } from 'typeorm';

const FACT_COLUMNS: Array<[string, string]> = [
    ['answered_at', 'TIMESTAMP WITH TIME ZONE'],
    ['triaged_at', 'TIMESTAMP WITH TIME ZONE'],
    ['triage_working_s', 'integer'],
    ['triage_on_time', 'boolean'],
    ['verified_at', 'TIMESTAMP WITH TIME ZONE'],
    ['verify_working_s', 'integer'],
    ['paused_working_s', 'integer'],
];
const DAY_COLUMNS: Array<[string, string]> = [
    ['paused_n', `integer NOT NULL DEFAULT '0'`],
    ['paused_sum', `bigint NOT NULL DEFAULT '0'`],
    ['triaged', `integer NOT NULL DEFAULT '0'`],
    ['triage_on_time', `integer NOT NULL DEFAULT '0'`],
    ['triage_work_sum', `bigint NOT NULL DEFAULT '0'`],
    ['verified', `integer NOT NULL DEFAULT '0'`],
    ['verify_work_sum', `bigint NOT NULL DEFAULT '0'`],
    ['paused_work', 'bytea'],
    ['triage_work', 'bytea'],
    ['verify_work', 'bytea'],
];

/**
 * The metrics follow the clocks: the lead's answer instant and paused time, the standing body's
 * triage and verification steps as case facts, and their counters and histograms in the day
 * rollup. The facts are derived data: they are emptied and the watermark restarts, so the worker's
 * next refresh (or `npm run metrics:rebuild`) derives every case again with the new columns.
 */
export class MetricsClocks1795700000002 implements MigrationInterface {
    name = 'MetricsClocks1795700000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const [c, t] of FACT_COLUMNS) await queryRunner.query(`ALTER TABLE "case_fact" ADD "${c}" ${t}`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_triaged" ON "case_fact" ("triaged_at") WHERE "triaged_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_verified" ON "case_fact" ("verified_at") WHERE "verified_at" IS NOT NULL`);
        for (const [c, t] of DAY_COLUMNS) await queryRunner.query(`ALTER TABLE "metric_day" ADD "${c}" ${t}`);
        await queryRunner.query(`DELETE FROM "case_fact"`);
        await queryRunner.query(`DELETE FROM "metric_day"`);
        await queryRunner.query(`DELETE FROM "metric_dirty_day"`);
        await queryRunner.query(`UPDATE "metrics_watermark" SET "safe_event_id" = 0, "pending_event_id" = 0, "rolled_until" = NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [c] of [...DAY_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "metric_day" DROP COLUMN "${c}"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_verified"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_triaged"`);
        for (const [c] of [...FACT_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "case_fact" DROP COLUMN "${c}"`);
        await queryRunner.query(`UPDATE "metrics_watermark" SET "safe_event_id" = 0, "pending_event_id" = 0, "rolled_until" = NULL`);
    }
}
