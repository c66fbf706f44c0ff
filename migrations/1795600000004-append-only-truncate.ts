import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline, the audit log and the access log refused UPDATE and DELETE row by row, but TRUNCATE fires no row
 * trigger and emptied them in one statement. A statement trigger refuses it too. (Only a superuser
 * can step around it, with session_replication_role = replica, as the test harness does.)
 */
export class AppendOnlyTruncate1795600000004 implements MigrationInterface {
    name = 'AppendOnlyTruncate1795600000004'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TRIGGER "trg_case_event_no_truncate" BEFORE TRUNCATE ON "case_event" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()`);
        await queryRunner.query(`CREATE TRIGGER "trg_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()`);
        await queryRunner.query(`CREATE TRIGGER "trg_access_log_no_truncate" BEFORE TRUNCATE ON "access_log" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_access_log_no_truncate" ON "access_log"`);
        await queryRunner.query(`DROP TRIGGER "trg_audit_log_no_truncate" ON "audit_log"`);
        await queryRunner.query(`DROP TRIGGER "trg_case_event_no_truncate" ON "case_event"`);
    }
}
