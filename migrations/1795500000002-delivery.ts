import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail delivery like a mail server: the retry schedule in PostgreSQL (queued_at, next_attempt_at),
 * a SENDING status held while an attempt runs (sending_since), resends after a crash, and the job id
 * the reconciler checks against BullMQ. Existing QUEUED rows are due now with a window from now.
 */
export class Delivery1795500000002 implements MigrationInterface {
    name = 'Delivery1795500000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" ADD "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "sending_since" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "resends" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "job_id" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_status"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_status" CHECK ("status" IN ('QUEUED', 'SENDING', 'SENT', 'FAILED'))`);
        await queryRunner.query(`CREATE INDEX "ix_notification_queued_due" ON "notification"  ("next_attempt_at", "id") WHERE "status" = 'QUEUED'`);
        await queryRunner.query(`CREATE INDEX "ix_notification_sending_since" ON "notification"  ("sending_since") WHERE "status" = 'SENDING'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_notification_sending_since"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_queued_due"`);
        // An attempt in flight goes back to the queue of the old schema.
        await queryRunner.query(`UPDATE "notification" SET "status" = 'QUEUED' WHERE "status" = 'SENDING'`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_status"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_status" CHECK ("status" IN ('QUEUED', 'SENT', 'FAILED'))`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "job_id"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "resends"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "sending_since"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "next_attempt_at"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "queued_at"`);
    }

}
