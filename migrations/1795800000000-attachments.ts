import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments of cases (issue 14): the file's metadata, its place in the object storage, the
 * timeline event that used it, and the text extracted from it for search (trigram index on the
 * folded text, as for the cases' own search text).
 */
export class Attachments1795800000000 implements MigrationInterface {
    name = 'Attachments1795800000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "attachment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "concern_id" uuid, "assignment_id" uuid, "purpose" character varying(16) NOT NULL, "event_id" bigint, "filename" character varying(200) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "uploaded_by" uuid NOT NULL, "uploaded_by_unit" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "text_content" text, "text_folded" text, "text_state" character varying(8) NOT NULL DEFAULT 'NONE', CONSTRAINT "ck_attachment_size" CHECK ("size_bytes" > 0), CONSTRAINT "ck_attachment_text_state" CHECK ("text_state" IN ('PENDING', 'DONE', 'NONE', 'FAILED')), CONSTRAINT "ck_attachment_media_type" CHECK ("media_type" IN ('image/jpeg', 'image/png', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.text')), CONSTRAINT "ck_attachment_purpose" CHECK ("purpose" IN ('PETITION', 'EVIDENCE', 'ANSWER_DOCUMENT', 'PROGRESS', 'DECISION', 'OTHER')), CONSTRAINT "PK_d2a80c3a8d467f08a750ac4b420" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_attachment_text_pending" ON "attachment"  ("created_at") WHERE "text_state" = 'PENDING'`);
        await queryRunner.query(`CREATE INDEX "ix_attachment_sha256" ON "attachment"  ("sha256") `);
        await queryRunner.query(`CREATE INDEX "ix_attachment_case" ON "attachment"  ("case_id", "created_at") `);
        // Hand-written: trigram index for the case search inside attachments (pg_trgm: init migration).
        await queryRunner.query(`CREATE INDEX "ix_attachment_text_trgm" ON "attachment" USING gin ("text_folded" gin_trgm_ops)`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "fk_attachment_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "fk_attachment_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "fk_attachment_event" FOREIGN KEY ("event_id") REFERENCES "case_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "fk_attachment_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachment" ADD CONSTRAINT "fk_attachment_uploaded_by_unit" FOREIGN KEY ("uploaded_by_unit") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "fk_attachment_uploaded_by_unit"`);
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "fk_attachment_uploaded_by"`);
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "fk_attachment_event"`);
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "fk_attachment_assignment"`);
        await queryRunner.query(`ALTER TABLE "attachment" DROP CONSTRAINT "fk_attachment_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachment_text_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachment_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachment_sha256"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachment_text_pending"`);
        await queryRunner.query(`DROP TABLE "attachment"`);
    }
}
