import { MigrationInterface, QueryRunner } from 'typeorm';

/** The issued copy of each letter's files, kept in the object storage (outgoing_document_file). */
export class LetterFiles1795830000000 implements MigrationInterface {
    name = 'LetterFiles1795830000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outgoing_document_file" ("document_id" uuid NOT NULL, "format" character varying(8) NOT NULL, "storage_key" character varying(200) NOT NULL, "sha256" character varying(64) NOT NULL, "size_bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_outgoing_document_file_format" CHECK ("format" IN ('docx', 'pdf')), CONSTRAINT "PK_outgoing_document_file" PRIMARY KEY ("document_id", "format"))`);
        await queryRunner.query(`ALTER TABLE "outgoing_document_file" ADD CONSTRAINT "fk_outgoing_document_file_document" FOREIGN KEY ("document_id") REFERENCES "outgoing_document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // An issued copy is never changed.
        await queryRunner.query(`CREATE TRIGGER "trg_outgoing_document_file_append_only" BEFORE UPDATE OR DELETE ON "outgoing_document_file" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_outgoing_document_file_append_only" ON "outgoing_document_file"`);
        await queryRunner.query(`DROP TABLE "outgoing_document_file"`);
    }
}
