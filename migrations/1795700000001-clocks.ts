import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES_BEFORE = ['CREATED', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'RETURNED', 'DELEGATED', 'ASSIGNMENT_RESOLVED', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'MERGED', 'MERGE_RECEIVED', 'DIRECTIVE_ISSUED', 'ESCALATED', 'DEADLINE_REMINDER', 'EXTENSION_REQUESTED', 'EXTENSION_GRANTED', 'EXTENSION_DENIED'];
const EVENT_TYPES = [...EVENT_TYPES_BEFORE, 'CLOCK_PAUSED', 'CLOCK_RESUMED', 'DIRECTIVE_REPLIED'];
const typeCheck = (types: string[]) => `ALTER TABLE "case_event" ADD CONSTRAINT "ck_case_event_type" CHECK ("type" IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * Clocks that pause: pause and resume events and directive replies on the timeline; the step days of
 * the standing body and of directives, and the pause-on-extension flag, in deadline policies; and
 * the clock's cached summary on each assignment (what reports read: paused working time, state,
 * when it was met and when it became late).
 */
export class Clocks1795700000001 implements MigrationInterface {
    name = 'Clocks1795700000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(typeCheck(EVENT_TYPES));
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD "triage_days" double precision NOT NULL DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD "verify_days" double precision NOT NULL DEFAULT '3'`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD "directive_reply_days" double precision NOT NULL DEFAULT '2'`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD "pause_on_extension" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD CONSTRAINT "ck_deadline_policy_steps_positive" CHECK ("triage_days" > 0 AND "verify_days" > 0 AND "directive_reply_days" > 0)`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "paused_working_seconds" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "clock_paused_since" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "clock_state" character varying(10)`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "clock_met_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "clock_breached_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "ck_assignment_clock_state" CHECK ("clock_state" IS NULL OR "clock_state" IN ('RUNNING', 'PAUSED', 'MET', 'BREACHED', 'STOPPED'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "ck_assignment_clock_state"`);
        for (const c of ['clock_breached_at', 'clock_met_at', 'clock_state', 'clock_paused_since', 'paused_working_seconds']) {
            await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "${c}"`);
        }
        await queryRunner.query(`ALTER TABLE "deadline_policy" DROP CONSTRAINT "ck_deadline_policy_steps_positive"`);
        for (const c of ['pause_on_extension', 'directive_reply_days', 'verify_days', 'triage_days']) {
            await queryRunner.query(`ALTER TABLE "deadline_policy" DROP COLUMN "${c}"`);
        }
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(typeCheck(EVENT_TYPES_BEFORE));
    }

}
