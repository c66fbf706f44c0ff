import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema: organisation (areas, org units, categories), users, concerns, cases,
 * their append-only timeline, assignments, idempotency records and the audit log.
 * Generated from the entities, then the parts TypeORM does not model were added by hand
 * (extensions, the case code sequence, the trigram search index, append-only triggers).
 */

export class Init1795345627981 implements MigrationInterface {
    name = 'Init1795345627981'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
        await queryRunner.query(`CREATE TABLE "area" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "parent_id" uuid, "level" character varying(16) NOT NULL, "name_vi" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_area_level" CHECK ("level" IN ('PROVINCE', 'DISTRICT', 'COMMUNE')), CONSTRAINT "PK_39d5e4de490139d6535d75f42ff" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_area_code" ON "area"  ("code") `);
        await queryRunner.query(`CREATE TABLE "org_unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "parent_id" uuid, "kind" character varying(32) NOT NULL, "level" character varying(16) NOT NULL, "area_id" uuid, "name_vi" character varying(300) NOT NULL, "name_en" character varying(300) NOT NULL, "emails" text array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_org_unit_level" CHECK ("level" IN ('PROVINCE', 'DISTRICT', 'COMMUNE')), CONSTRAINT "ck_org_unit_kind" CHECK ("kind" IN ('PROPAGANDA_DEPT', 'PEOPLES_COUNCIL', 'PEOPLES_COMMITTEE', 'DEPARTMENT', 'COURT', 'PROCURACY', 'POLICE', 'OTHER')), CONSTRAINT "PK_ba1c59043dc14bb66023c1d07c7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_org_unit_code" ON "org_unit"  ("code") `);
        await queryRunner.query(`CREATE INDEX "ix_org_unit_parent" ON "org_unit"  ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "full_name" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "org_unit_id" uuid, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_app_user_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "ck_app_user_role" CHECK ("role" IN ('officer', 'triager', 'agency', 'leader', 'admin')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
        await queryRunner.query(`CREATE INDEX "ix_app_user_org_unit" ON "app_user"  ("org_unit_id") `);
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "actor_id" uuid, "action" character varying(64) NOT NULL, "entity_type" character varying(64) NOT NULL, "entity_id" character varying(64) NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_entity" ON "audit_log"  ("entity_type", "entity_id") `);
        await queryRunner.query(`CREATE TABLE "category" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "label_vi" character varying(200) NOT NULL, "label_en" character varying(200) NOT NULL, "sensitive" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_category_code" ON "category"  ("code") `);
        await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'NEW', "title" character varying(300) NOT NULL, "summary" text, "category_id" uuid, "priority" character varying(8) NOT NULL DEFAULT 'NORMAL', "sensitivity" character varying(16) NOT NULL DEFAULT 'PUBLIC', "area_id" uuid NOT NULL, "owner_unit_id" uuid, "concern_count" integer NOT NULL DEFAULT '1', "people_affected" integer, "merged_into_id" uuid, "search_text" text NOT NULL DEFAULT '', "created_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_cases_sensitivity" CHECK ("sensitivity" IN ('PUBLIC', 'RESTRICTED', 'CONFIDENTIAL')), CONSTRAINT "ck_cases_priority" CHECK ("priority" IN ('URGENT', 'HIGH', 'NORMAL', 'LOW')), CONSTRAINT "ck_cases_status" CHECK ("status" IN ('NEW', 'TRIAGED', 'ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'RETURNED', 'RESOLVED', 'CLOSED', 'REJECTED', 'MERGED', 'REOPENED')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_cases_code" ON "cases"  ("code") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_category" ON "cases"  ("category_id") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_area" ON "cases"  ("area_id") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_status_created" ON "cases"  ("status", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_created" ON "cases"  ("created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "case_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "actor_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5b6e18b2d4fd178711a2269645e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_event_type_time" ON "case_event"  ("type", "occurred_at") `);
        await queryRunner.query(`CREATE INDEX "ix_case_event_case" ON "case_event"  ("case_id", "id") `);
        await queryRunner.query(`CREATE TABLE "concern" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "channel" character varying(24) NOT NULL, "area_id" uuid NOT NULL, "category_id" uuid, "title" character varying(300) NOT NULL, "description" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "people_affected" integer, "reporter_name" character varying(200), "reporter_phone" character varying(32), "reporter_email" character varying(254), "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_concern_people_affected" CHECK ("people_affected" IS NULL OR "people_affected" >= 0), CONSTRAINT "ck_concern_channel" CHECK ("channel" IN ('VOTER_MEETING', 'PETITION', 'CITIZEN_RECEPTION', 'DIALOGUE', 'PRESS', 'SOCIAL_MEDIA', 'SURVEY', 'COLLABORATOR', 'FIELD', 'HOTLINE')), CONSTRAINT "PK_17272f51582db9d4ed6af9c7007" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_concern_case" ON "concern"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "ix_concern_created_by" ON "concern"  ("created_by_id") `);
        await queryRunner.query(`CREATE INDEX "ix_concern_area_category_received" ON "concern"  ("area_id", "category_id", "received_at") `);
        await queryRunner.query(`CREATE TABLE "idempotency_record" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" smallint NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ff6ff6e4a7c261b21e30f0280a7" PRIMARY KEY ("user_id", "key"))`);
        await queryRunner.query(`CREATE INDEX "ix_idempotency_record_created" ON "idempotency_record"  ("created_at") `);
        await queryRunner.query(`CREATE TABLE "assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "org_unit_id" uuid NOT NULL, "role" character varying(8) NOT NULL, "parent_assignment_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'ASSIGNED', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_assignment_role" CHECK ("role" IN ('LEAD', 'SUPPORT')), CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_assignment_case" ON "assignment"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "ix_assignment_unit_case" ON "assignment"  ("org_unit_id", "case_id") `);
        await queryRunner.query(`ALTER TABLE "area" ADD CONSTRAINT "fk_area_parent" FOREIGN KEY ("parent_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD CONSTRAINT "fk_org_unit_parent" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "org_unit" ADD CONSTRAINT "fk_org_unit_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_org_unit" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_owner_unit" FOREIGN KEY ("owner_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_event" ADD CONSTRAINT "fk_case_event_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_event" ADD CONSTRAINT "fk_case_event_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "concern" ADD CONSTRAINT "fk_concern_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "concern" ADD CONSTRAINT "fk_concern_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "concern" ADD CONSTRAINT "fk_concern_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "concern" ADD CONSTRAINT "fk_concern_created_by" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "fk_assignment_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "fk_assignment_org_unit" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "fk_assignment_parent" FOREIGN KEY ("parent_assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

        // Hand-written: not modelled by TypeORM.
        await queryRunner.query(`CREATE SEQUENCE "case_code_seq"`);
        await queryRunner.query(`CREATE INDEX "ix_cases_search_trgm" ON "cases" USING gin ("search_text" gin_trgm_ops)`);
        // The timeline and the audit log are append-only: the database itself refuses changes.
        await queryRunner.query(`CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "trg_case_event_append_only" BEFORE UPDATE OR DELETE ON "case_event" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
        await queryRunner.query(`CREATE TRIGGER "trg_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "refuse_change"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_audit_log_append_only" ON "audit_log"`);
        await queryRunner.query(`DROP TRIGGER "trg_case_event_append_only" ON "case_event"`);
        await queryRunner.query(`DROP FUNCTION "refuse_change"()`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_search_trgm"`);
        await queryRunner.query(`DROP SEQUENCE "case_code_seq"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_parent"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_org_unit"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_case"`);
        await queryRunner.query(`ALTER TABLE "concern" DROP CONSTRAINT "fk_concern_created_by"`);
        await queryRunner.query(`ALTER TABLE "concern" DROP CONSTRAINT "fk_concern_category"`);
        await queryRunner.query(`ALTER TABLE "concern" DROP CONSTRAINT "fk_concern_area"`);
        await queryRunner.query(`ALTER TABLE "concern" DROP CONSTRAINT "fk_concern_case"`);
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "fk_case_event_actor"`);
        await queryRunner.query(`ALTER TABLE "case_event" DROP CONSTRAINT "fk_case_event_case"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_created_by"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_merged_into"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_owner_unit"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_area"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_category"`);
        await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_org_unit"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "fk_org_unit_area"`);
        await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "fk_org_unit_parent"`);
        await queryRunner.query(`ALTER TABLE "area" DROP CONSTRAINT "fk_area_parent"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignment_unit_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_assignment_case"`);
        await queryRunner.query(`DROP TABLE "assignment"`);
        await queryRunner.query(`DROP INDEX "public"."ix_idempotency_record_created"`);
        await queryRunner.query(`DROP TABLE "idempotency_record"`);
        await queryRunner.query(`DROP INDEX "public"."ix_concern_area_category_received"`);
        await queryRunner.query(`DROP INDEX "public"."ix_concern_created_by"`);
        await queryRunner.query(`DROP INDEX "public"."ix_concern_case"`);
        await queryRunner.query(`DROP TABLE "concern"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_event_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_event_type_time"`);
        await queryRunner.query(`DROP TABLE "case_event"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_status_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_area"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_category"`);
        await queryRunner.query(`DROP INDEX "public"."uq_cases_code"`);
        await queryRunner.query(`DROP TABLE "cases"`);
        await queryRunner.query(`DROP INDEX "public"."uq_category_code"`);
        await queryRunner.query(`DROP TABLE "category"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_log_entity"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
        await queryRunner.query(`DROP INDEX "public"."ix_app_user_org_unit"`);
        await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
        await queryRunner.query(`DROP TABLE "app_user"`);
        await queryRunner.query(`DROP INDEX "public"."ix_org_unit_parent"`);
        await queryRunner.query(`DROP INDEX "public"."uq_org_unit_code"`);
        await queryRunner.query(`DROP TABLE "org_unit"`);
        await queryRunner.query(`DROP INDEX "public"."uq_area_code"`);
        await queryRunner.query(`DROP TABLE "area"`);
    }
}
