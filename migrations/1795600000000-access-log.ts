import { MigrationInterface, QueryRunner } from 'typeorm';

/** The access log: who read which case's personal data, when. Append-only like audit_log. */
export class AccessLog1795600000000 implements MigrationInterface {
    name = 'AccessLog1795600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "access_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "case_id" uuid NOT NULL, "action" character varying(32) NOT NULL, "request_id" character varying(200), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_access_log_time" ON "access_log"  ("occurred_at") `);
        await queryRunner.query(`CREATE INDEX "ix_access_log_user" ON "access_log"  ("user_id", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_access_log_case" ON "access_log"  ("case_id", "id") `);
        // Hand-written: the same row trigger as audit_log and case_event (refuse_change, init migration).
        await queryRunner.query(`CREATE TRIGGER "trg_access_log_append_only" BEFORE UPDATE OR DELETE ON "access_log" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_access_log_append_only" ON "access_log"`);
        await queryRunner.query(`DROP INDEX "public"."ix_access_log_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_access_log_user"`);
        await queryRunner.query(`DROP INDEX "public"."ix_access_log_time"`);
        await queryRunner.query(`DROP TABLE "access_log"`);
    }
}
