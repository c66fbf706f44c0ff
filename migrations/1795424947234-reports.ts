import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leader reports: the case_fact rollup (one row per case, derived from the timeline), the
 * watermark of the timeline it has read, and hotspots. Generated from the entities, reviewed.
 */

export class Reports1795424947234 implements MigrationInterface {
    name = 'Reports1795424947234'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "case_fact" ("case_id" uuid NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "channel" character varying(24), "area_id" uuid NOT NULL, "category_id" uuid, "priority" character varying(8) NOT NULL, "status" character varying(16) NOT NULL, "open" boolean NOT NULL, "agency_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, "ack_calendar_s" integer, "ack_working_s" integer, "resolve_calendar_s" integer, "resolve_working_s" integer, "on_time" boolean, "people_affected" integer, "concern_count" integer NOT NULL DEFAULT '1', "last_event_id" bigint NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bbcc1f21561302ddda115c5185" PRIMARY KEY ("case_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_agency" ON "case_fact"  ("agency_id", "received_at") `);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_open" ON "case_fact"  ("received_at") WHERE "open"`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_due" ON "case_fact"  ("due_at") WHERE "due_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_closed" ON "case_fact"  ("closed_at") WHERE "closed_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_resolved" ON "case_fact"  ("resolved_at") WHERE "resolved_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_acknowledged" ON "case_fact"  ("acknowledged_at") WHERE "acknowledged_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_case_fact_received" ON "case_fact"  ("received_at") `);
        await queryRunner.query(`CREATE INDEX "ix_concern_received" ON "concern"  ("received_at") `);
        await queryRunner.query(`CREATE TABLE "hotspot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "area_id" uuid NOT NULL, "category_id" uuid NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'ACTIVE', "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "recent_count" integer NOT NULL, "baseline_weekly_mean" double precision NOT NULL, "score" double precision NOT NULL, "people_affected" integer NOT NULL DEFAULT '0', "sensitive" boolean NOT NULL DEFAULT false, "evidence" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_hotspot_status" CHECK ("status" IN ('ACTIVE', 'ENDED')), CONSTRAINT "PK_70ca951846df4be315c7a42e1fe" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_hotspot_detected" ON "hotspot"  ("detected_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_hotspot_active" ON "hotspot"  ("area_id", "category_id") WHERE "status" = 'ACTIVE'`);
        await queryRunner.query(`CREATE TABLE "metrics_watermark" ("id" smallint NOT NULL DEFAULT '1', "safe_event_id" bigint NOT NULL DEFAULT '0', "pending_event_id" bigint NOT NULL DEFAULT '0', "pending_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_356f082f90225308796ea1e7b7c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "case_fact" ADD CONSTRAINT "fk_case_fact_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "hotspot" ADD CONSTRAINT "fk_hotspot_area" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "hotspot" ADD CONSTRAINT "fk_hotspot_category" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // The one watermark row CaseFacts advances; 0 = nothing read yet (the first refresh reads everything).
        await queryRunner.query(`INSERT INTO "metrics_watermark" ("id") VALUES (1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "hotspot" DROP CONSTRAINT "fk_hotspot_category"`);
        await queryRunner.query(`ALTER TABLE "hotspot" DROP CONSTRAINT "fk_hotspot_area"`);
        await queryRunner.query(`ALTER TABLE "case_fact" DROP CONSTRAINT "fk_case_fact_case"`);
        await queryRunner.query(`DROP TABLE "metrics_watermark"`);
        await queryRunner.query(`DROP INDEX "public"."uq_hotspot_active"`);
        await queryRunner.query(`DROP INDEX "public"."ix_hotspot_detected"`);
        await queryRunner.query(`DROP TABLE "hotspot"`);
        await queryRunner.query(`DROP INDEX "public"."ix_concern_received"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_received"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_acknowledged"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_resolved"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_closed"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_open"`);
        await queryRunner.query(`DROP INDEX "public"."ix_case_fact_agency"`);
        await queryRunner.query(`DROP TABLE "case_fact"`);
    }

}
