import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case workflow: an assignment's own status, outcome and official document; where a case or
 * an assignment resumes after a request for information; routing rules (category × level →
 * agency); coordination programmes and their annual plans; tokens for duplicate suggestions.
 * Generated from the entities, reviewed; the GIN index on the tokens was added by hand.
 */

export class Workflow1795347726740 implements MigrationInterface {
    name = 'Workflow1795347726740'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "coordination_programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "title_vi" character varying(500) NOT NULL, "title_en" character varying(500) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "party_unit_ids" uuid array NOT NULL DEFAULT '{}', "category_ids" uuid array NOT NULL DEFAULT '{}', "acknowledge_days" integer, "resolve_days" integer, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f764a00e4f3b7e9a9cc1faa8ed" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_coordination_programme_code" ON "coordination_programme"  ("code") `);
        await queryRunner.query(`CREATE TABLE "annual_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "code" character varying(64) NOT NULL, "year" integer NOT NULL, "signed_on" date, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d39dd5f70470bf2a692f72ea12c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_annual_plan_programme_year" ON "annual_plan"  ("programme_id", "year") `);
        await queryRunner.query(`CREATE TABLE "routing_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "category_id" uuid NOT NULL, "level" character varying(16) NOT NULL, "org_unit_id" uuid NOT NULL, "role" character varying(8) NOT NULL DEFAULT 'LEAD', "rank" integer NOT NULL DEFAULT '0', "programme_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_routing_rule_role" CHECK ("role" IN ('LEAD', 'SUPPORT')), CONSTRAINT "ck_routing_rule_level" CHECK ("level" IN ('PROVINCE', 'DISTRICT', 'COMMUNE')), CONSTRAINT "PK_b402e9e6a4d11fbd58e076daa2f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_routing_rule" ON "routing_rule"  ("category_id", "level", "org_unit_id") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD "resume_status" character varying(16)`);
        await queryRunner.query(`ALTER TABLE "cases" ADD "similarity_tokens" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`CREATE INDEX "ix_cases_similarity_tokens" ON "cases" USING gin ("similarity_tokens")`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "resume_status" character varying(16)`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "outcome" character varying(32)`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "resolution_summary" text`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "document_ref" jsonb`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "acknowledged_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "resolved_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_assignment_parent" ON "assignment"  ("parent_assignment_id") `);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "ck_assignment_outcome" CHECK ("outcome" IS NULL OR "outcome" IN ('RESOLVED', 'PARTIALLY_RESOLVED', 'NOT_RESOLVABLE', 'REFERRED_TO_LEGAL_PROCESS'))`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "ck_assignment_status" CHECK ("status" IN ('ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'DELEGATED', 'RESOLVED', 'RETURNED', 'CANCELLED'))`);
        await queryRunner.query(`ALTER TABLE "annual_plan" ADD CONSTRAINT "fk_annual_plan_programme" FOREIGN KEY ("programme_id") REFERENCES "coordination_programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "fk_routing_rule_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "fk_routing_rule_org_unit" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "fk_routing_rule_programme" FOREIGN KEY ("programme_id") REFERENCES "coordination_programme"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "fk_routing_rule_programme"`);
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "fk_routing_rule_org_unit"`);
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "fk_routing_rule_category"`);
        await queryRunner.query(`ALTER TABLE "annual_plan" DROP CONSTRAINT "fk_annual_plan_programme"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "ck_assignment_status"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "ck_assignment_outcome"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignment_parent"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "resolved_at"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "acknowledged_at"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "document_ref"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "resolution_summary"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "outcome"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "resume_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_similarity_tokens"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "similarity_tokens"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "resume_status"`);
        await queryRunner.query(`DROP INDEX "public"."uq_routing_rule"`);
        await queryRunner.query(`DROP TABLE "routing_rule"`);
        await queryRunner.query(`DROP INDEX "public"."uq_annual_plan_programme_year"`);
        await queryRunner.query(`DROP TABLE "annual_plan"`);
        await queryRunner.query(`DROP INDEX "public"."uq_coordination_programme_code"`);
        await queryRunner.query(`DROP TABLE "coordination_programme"`);
    }
}
