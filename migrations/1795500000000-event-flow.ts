import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one-way event flow: case_event types checked against the registry (CASE_EVENTS); one outbox
 * row per consumer, open until the consumer marks it done (done_at), re-sent by the reconciler
 * (redispatches); the reminders each assignment is owed (deadline_reminder), so that PostgreSQL
 * knows them whatever Redis remembers. Generated from the entities; the data steps by hand.
 */

/** The consumers of each event type when this migration was written (the registry may grow later). */
const CONSUMERS: Record<string, string[]> = {
  ASSIGNED: ['case-notices', 'deadline-schedule'],
  INFO_REQUESTED: ['case-notices'],
  RETURNED: ['case-notices', 'deadline-schedule'],
  DELEGATED: ['case-notices', 'deadline-schedule'],
  ASSIGNMENT_RESOLVED: ['case-notices', 'deadline-schedule'],
  RESOLVED: ['case-notices', 'deadline-schedule'],
  REOPENED: ['case-notices', 'deadline-schedule'],
  DIRECTIVE_ISSUED: ['case-notices'],
  ESCALATED: ['case-notices'],
  EXTENSION_REQUESTED: ['case-notices'],
  EXTENSION_GRANTED: ['case-notices', 'deadline-schedule'],
  EXTENSION_DENIED: ['case-notices'],
};

export class EventFlow1795500000000 implements MigrationInterface {
    name = 'EventFlow1795500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "deadline_reminder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assignment_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ebf5133923a01d9b14f080f5e36" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_reminder" ON "deadline_reminder"  ("assignment_id", "due_at") `);
        await queryRunner.query(`CREATE INDEX "ix_deadline_reminder_due" ON "deadline_reminder"  ("due_at") WHERE "sent_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD "done_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD "redispatches" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_message_undone" ON "outbox_message"  ("dispatched_at") WHERE "dispatched_at" IS NOT NULL AND "done_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "case_event" ADD CONSTRAINT "ck_case_event_type" CHECK ("type" IN ('CREATED', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'RETURNED', 'DELEGATED', 'ASSIGNMENT_RESOLVED', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'MERGED', 'MERGE_RECEIVED', 'DIRECTIVE_ISSUED', 'ESCALATED', 'DEADLINE_REMINDER', 'EXTENSION_REQUESTED', 'EXTENSION_GRANTED', 'EXTENSION_DENIED'))`);
        await queryRunner.query(`ALTER TABLE "deadline_reminder" ADD CONSTRAINT "fk_deadline_reminder_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // What was relayed before counts as done; what still waits for the old routing job goes to each consumer instead.
        await queryRunner.query(`UPDATE "outbox_message" SET "done_at" = "dispatched_at" WHERE "dispatched_at" IS NOT NULL`);
        for (const [type, jobs] of Object.entries(CONSUMERS)) {
            for (const job of jobs) {
                await queryRunner.query(
                    `INSERT INTO "outbox_message" ("queue", "job_name", "job_id", "payload")
                     SELECT $2::varchar, $3::varchar, $3::text || '.' || e.case_id || '.' || e.id, jsonb_build_object('eventId', e.id::text)
                       FROM "outbox_message" o JOIN "case_event" e ON e.id = (o.payload->>'eventId')::bigint
                      WHERE o.job_name = 'case-event' AND o.dispatched_at IS NULL AND e.type = $1::varchar`,
                    [type, job === 'case-notices' ? 'notices' : 'deadlines', job],
                );
            }
        }
        await queryRunner.query(`DELETE FROM "outbox_message" WHERE "job_name" = 'case-event' AND "dispatched_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deadline_reminder" DROP CONSTRAINT "fk_deadline_reminder_assignment"`);
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_message_undone"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "redispatches"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "done_at"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deadline_reminder_due"`);
        await queryRunner.query(`DROP INDEX "public"."uq_deadline_reminder"`);
        await queryRunner.query(`DROP TABLE "deadline_reminder"`);
    }

}
