import { MigrationInterface, QueryRunner } from 'typeorm';

/** Internal working notes on cases (case_note, append-only) and reply templates per category (reply_template). */
export class NotesTemplates1795930000000 implements MigrationInterface {
    name = 'NotesTemplates1795930000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "case_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_unit_id" uuid, "body" text NOT NULL, "mentions" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b0442af3f3d9273fb63d2799a2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_note_case" ON "case_note"  ("case_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "reply_template" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "category_id" uuid, "purpose" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_reply_template_purpose" CHECK ("purpose" IN ('AGENCY_ANSWER', 'TRIAGE_REQUEST')), CONSTRAINT "PK_4a3ada0e40cac8291f49287a8f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_reply_template_lookup" ON "reply_template"  ("purpose", "category_id") `);
        await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_author_unit" FOREIGN KEY ("author_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reply_template" ADD CONSTRAINT "fk_reply_template_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Hand-written: notes are append-only like the timeline (refuse_change, init migration); a correction is a new note.
        // No TRUNCATE trigger, as for the register: the case tables' own refuse a TRUNCATE … CASCADE that would reach it.
        await queryRunner.query(`CREATE TRIGGER "trg_case_note_append_only" BEFORE UPDATE OR DELETE ON "case_note" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_case_note_append_only" ON "case_note"`);
        await queryRunner.query(`ALTER TABLE "reply_template" DROP CONSTRAINT "fk_reply_template_category"`);
        await queryRunner.query(`DROP TABLE "case_note"`);
        await queryRunner.query(`DROP INDEX "public"."ix_reply_template_lookup"`);
        await queryRunner.query(`DROP TABLE "reply_template"`);
    }
}
