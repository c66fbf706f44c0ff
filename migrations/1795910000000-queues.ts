import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES_BEFORE = ['CREATED', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'RETURNED', 'DELEGATED', 'ASSIGNMENT_RESOLVED', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'MERGED', 'MERGE_RECEIVED', 'DIRECTIVE_ISSUED', 'ESCALATED', 'DEADLINE_REMINDER', 'EXTENSION_REQUESTED', 'EXTENSION_GRANTED', 'EXTENSION_DENIED', 'CLOCK_PAUSED', 'CLOCK_RESUMED', 'DIRECTIVE_REPLIED', 'LETTER_ISSUED'];
const EVENT_TYPES = [...EVENT_TYPES_BEFORE, 'PRIORITY_CHANGED'];
const typeCheck = (types: string[]) => `ALTER TABLE "case_event" ADD CONSTRAINT "ck_case_event_type" CHECK ("type" IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * Queues that scale: each user's saved views of a list (saved_view), the reporter phone in digits
 * for the desk's search (an expression index), the agency inbox read by unit in order, and the
 * PRIORITY_CHANGED event (the triage queue's bulk priority).
 */
export class Queues1795910000000 implements MigrationInterface {
    name = 'Queues1795910000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "saved_view" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "page" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "query" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_saved_view" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_saved_view_user_page_name" ON "saved_view"  ("user_id", "page", "name") `);
        await queryRunner.query(`ALTER TABLE "saved_view" ADD CONSTRAINT "fk_saved_view_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // The same expression as the search's (cases.service.ts PHONE_DIGITS_SQL): digits only, +84 read as 0.
        await queryRunner.query(`CREATE INDEX "ix_concern_reporter_phone_digits" ON "concern" (regexp_replace(regexp_replace("reporter_phone", '[^0-9]', '', 'g'), '^84', '0')) WHERE "reporter_phone" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_assignment_unit_created" ON "assignment"  ("org_unit_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(typeCheck(EVENT_TYPES));
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(typeCheck(EVENT_TYPES_BEFORE));
        await queryRunner.query(`DROP INDEX "ix_assignment_unit_created"`);
        await queryRunner.query(`DROP INDEX "ix_concern_reporter_phone_digits"`);
        await queryRunner.query(`DROP TABLE "saved_view"`);
    }
}
