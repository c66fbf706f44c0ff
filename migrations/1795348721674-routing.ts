import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing and escalation: the transactional outbox, e-mail notices, the working-day calendar's
 * admin corrections, deadline policies, extension requests, the deadlines and escalation level of
 * an assignment, and an org unit's head contacts. Generated from the entities, reviewed.
 */

export class Routing1795348721674 implements MigrationInterface {
    name = 'Routing1795348721674'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_day" ("day" date NOT NULL, "kind" character varying(16) NOT NULL, "note" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_calendar_day_kind" CHECK ("kind" IN ('DAY_OFF', 'WORKING_DAY')), CONSTRAINT "PK_0f0fd32432f4e23544a28c0562b" PRIMARY KEY ("day"))`);
        await queryRunner.query(`CREATE TABLE "deadline_policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "priority" character varying(8) NOT NULL, "category_id" uuid, "programme_id" uuid, "acknowledge_days" double precision NOT NULL, "resolve_days" double precision NOT NULL, "reminder_fractions" double precision array NOT NULL DEFAULT '{0.5,0.8}', "remind_day_before" boolean NOT NULL DEFAULT true, "escalation_step_days" double precision NOT NULL DEFAULT '2', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_deadline_policy_positive" CHECK ("acknowledge_days" > 0 AND "resolve_days" > 0 AND "escalation_step_days" > 0), CONSTRAINT "ck_deadline_policy_priority" CHECK ("priority" IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')), CONSTRAINT "PK_18c29c20631543709510873b6ce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "extension_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assignment_id" uuid NOT NULL, "days" double precision NOT NULL, "reason" text NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'PENDING', "requested_by_id" uuid NOT NULL, "decided_by_id" uuid, "decision_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_extension_request_status" CHECK ("status" IN ('PENDING', 'GRANTED', 'DENIED')), CONSTRAINT "PK_fa783aff51254a4e5739909d199" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_extension_request_assignment" ON "extension_request"  ("assignment_id") `);
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(300) NOT NULL, "case_id" uuid, "recipient" character varying(254) NOT NULL, "template" character varying(64) NOT NULL, "locale" character varying(2) NOT NULL DEFAULT 'vi', "vars" jsonb NOT NULL DEFAULT '{}', "status" character varying(8) NOT NULL DEFAULT 'QUEUED', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "smtp_message_id" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notification_status" CHECK ("status" IN ('QUEUED', 'SENT', 'FAILED')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_dedupe" ON "notification"  ("dedupe_key") `);
        await queryRunner.query(`CREATE INDEX "ix_notification_case" ON "notification"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "ix_notification_status_created" ON "notification"  ("status", "created_at") `);
        await queryRunner.query(`CREATE TABLE "outbox_message" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "queue" character varying(64) NOT NULL, "job_name" character varying(64) NOT NULL, "job_id" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "delay_ms" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_message_pending" ON "outbox_message"  ("id") WHERE "dispatched_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD "head_emails" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "acknowledge_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "resolve_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "escalation_level" smallint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "policy_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_assignment_resolve_due" ON "assignment"  ("resolve_due_at") `);
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD CONSTRAINT "fk_deadline_policy_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" ADD CONSTRAINT "fk_deadline_policy_programme" FOREIGN KEY ("programme_id") REFERENCES "coordination_programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "fk_extension_request_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "fk_extension_request_assignment"`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" DROP CONSTRAINT "fk_deadline_policy_programme"`);
        await queryRunner.query(`ALTER TABLE "deadline_policy" DROP CONSTRAINT "fk_deadline_policy_category"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignment_resolve_due"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "policy_id"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "escalated_at"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "escalation_level"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "resolve_due_at"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "acknowledge_due_at"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "head_emails"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_message_pending"`);
        await queryRunner.query(`DROP TABLE "outbox_message"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_status_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_case"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notification_dedupe"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`DROP INDEX "public"."ix_extension_request_assignment"`);
        await queryRunner.query(`DROP TABLE "extension_request"`);
        await queryRunner.query(`DROP TABLE "deadline_policy"`);
        await queryRunner.query(`DROP TABLE "calendar_day"`);
    }
}
