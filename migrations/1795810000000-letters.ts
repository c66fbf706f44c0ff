import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_TYPES_BEFORE = ['CREATED', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'RETURNED', 'DELEGATED', 'ASSIGNMENT_RESOLVED', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'MERGED', 'MERGE_RECEIVED', 'DIRECTIVE_ISSUED', 'ESCALATED', 'DEADLINE_REMINDER', 'EXTENSION_REQUESTED', 'EXTENSION_GRANTED', 'EXTENSION_DENIED', 'CLOCK_PAUSED', 'CLOCK_RESUMED', 'DIRECTIVE_REPLIED'];
const EVENT_TYPES = [...EVENT_TYPES_BEFORE, 'LETTER_ISSUED'];
const typeCheck = (types: string[]) => `ALTER TABLE "case_event" ADD CONSTRAINT "ck_case_event_type" CHECK ("type" IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * The register of outgoing documents (forwarding letters now) and its yearly counters per issuing
 * unit; the issuing-unit profile on org_unit (symbol, superior body, letterhead name, place, default
 * signer) and the signing profile on app_user (title, authority); the LETTER_ISSUED timeline event
 * (a letter on demand).
 */
export class Letters1795810000000 implements MigrationInterface {
    name = 'Letters1795810000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(typeCheck(EVENT_TYPES));
        await queryRunner.query(`CREATE TABLE "outgoing_document" ("id" uuid NOT NULL, "issuing_unit_id" uuid NOT NULL, "year" integer NOT NULL, "number" integer NOT NULL, "symbol" character varying(64) NOT NULL, "number_text" character varying(100) NOT NULL, "kind" character varying(32) NOT NULL, "subject" character varying(500) NOT NULL, "case_id" uuid, "recipients" jsonb NOT NULL DEFAULT '[]', "signer_id" uuid, "signer_name" character varying(200) NOT NULL, "signer_title" character varying(200) NOT NULL, "signer_authority" character varying(200), "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "issued_by_id" uuid NOT NULL, "snapshot" jsonb NOT NULL, CONSTRAINT "ck_outgoing_document_number" CHECK ("number" > 0), CONSTRAINT "ck_outgoing_document_kind" CHECK ("kind" IN ('FORWARDING_LETTER', 'REPORT')), CONSTRAINT "PK_0a5bc373aa02d768bf94098a0e2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outgoing_document_case" ON "outgoing_document"  ("case_id", "issued_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_outgoing_document_number" ON "outgoing_document"  ("issuing_unit_id", "year", "number") `);
        await queryRunner.query(`CREATE TABLE "outgoing_document_counter" ("issuing_unit_id" uuid NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_3ceab3d6d7baaddb8b2dcff415e" PRIMARY KEY ("issuing_unit_id", "year"))`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD "document_symbol" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD "superior_body" character varying(300)`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD "letterhead_name" character varying(300)`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD "document_place" character varying(100)`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD "default_signer_id" uuid`);
        await queryRunner.query(`ALTER TABLE "app_user" ADD "job_title" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "app_user" ADD "signing_authority" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" ADD CONSTRAINT "fk_outgoing_document_unit" FOREIGN KEY ("issuing_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" ADD CONSTRAINT "fk_outgoing_document_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" ADD CONSTRAINT "fk_outgoing_document_signer" FOREIGN KEY ("signer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" ADD CONSTRAINT "fk_outgoing_document_issued_by" FOREIGN KEY ("issued_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "outgoing_document_counter" ADD CONSTRAINT "fk_outgoing_document_counter_unit" FOREIGN KEY ("issuing_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Hand-written: a register keeps every number it gave (refuse_change, init migration). No TRUNCATE trigger:
        // the case tables' own triggers already refuse a TRUNCATE … CASCADE that would reach it.
        await queryRunner.query(`CREATE TRIGGER "trg_outgoing_document_append_only" BEFORE UPDATE OR DELETE ON "outgoing_document" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_outgoing_document_append_only" ON "outgoing_document"`);
        await queryRunner.query(`ALTER TABLE "outgoing_document_counter" DROP CONSTRAINT "fk_outgoing_document_counter_unit"`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" DROP CONSTRAINT "fk_outgoing_document_issued_by"`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" DROP CONSTRAINT "fk_outgoing_document_signer"`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" DROP CONSTRAINT "fk_outgoing_document_case"`);
        await queryRunner.query(`ALTER TABLE "outgoing_document" DROP CONSTRAINT "fk_outgoing_document_unit"`);
        await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "signing_authority"`);
        await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "job_title"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "default_signer_id"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "document_place"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "letterhead_name"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "superior_body"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP COLUMN "document_symbol"`);
        await queryRunner.query(`DROP TABLE "outgoing_document_counter"`);
        await queryRunner.query(`DROP INDEX "public"."uq_outgoing_document_number"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outgoing_document_case"`);
        await queryRunner.query(`DROP TABLE "outgoing_document"`);
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "ck_case_event_type"`);
        await queryRunner.query(typeCheck(EVENT_TYPES_BEFORE));
    }
}
