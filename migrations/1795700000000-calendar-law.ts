import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar as the law writes it, as data (issue 13): `holiday_rule` holds the Labour Code 2019's
 * public holidays (art. 112(1)), so a newly legislated holiday is one row; `calendar_day` rows say
 * where they come from (GOVERNMENT announcement with its reference, or ADMIN), and the 2025–2026
 * announcements are shipped. The rows are written out here, frozen: src/modules/deadlines/calendar-data.ts
 * holds the same data for the code's defaults, and later changes to it need a migration of their own.
 * A day an admin already entered keeps the admin's row.
 */
export class CalendarLaw1795700000000 implements MigrationInterface {
    name = 'CalendarLaw1795700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "holiday_rule" ("id" SERIAL NOT NULL, "name" character varying(120) NOT NULL, "calendar" character varying(8) NOT NULL, "month" smallint NOT NULL, "day" smallint NOT NULL, "offset_days" smallint NOT NULL DEFAULT '0', "length_days" smallint NOT NULL DEFAULT '1', "adjacent" boolean NOT NULL DEFAULT false, "from_year" smallint NOT NULL, "to_year" smallint, "legal_basis" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_holiday_rule_years" CHECK ("to_year" IS NULL OR "to_year" >= "from_year"), CONSTRAINT "ck_holiday_rule_length" CHECK ("length_days" BETWEEN 1 AND 10 AND "offset_days" BETWEEN -5 AND 5), CONSTRAINT "ck_holiday_rule_date" CHECK ("month" BETWEEN 1 AND 12 AND "day" BETWEEN 1 AND 31), CONSTRAINT "ck_holiday_rule_calendar" CHECK ("calendar" IN ('SOLAR', 'LUNAR')), CONSTRAINT "PK_52051490fba81d913c37aa350a2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "calendar_day" ADD "source" character varying(16) NOT NULL DEFAULT 'ADMIN'`);
        await queryRunner.query(`ALTER TABLE "calendar_day" ADD "reference" character varying(300)`);
        await queryRunner.query(`ALTER TABLE "calendar_day" ADD CONSTRAINT "ck_calendar_day_source" CHECK ("source" IN ('GOVERNMENT', 'ADMIN'))`);
        await queryRunner.query(`INSERT INTO "holiday_rule" ("name", "calendar", "month", "day", "offset_days", "length_days", "adjacent", "from_year", "to_year", "legal_basis") VALUES
      ('Tết Dương lịch', 'SOLAR', 1, 1, 0, 1, false, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a'),
      ('Tết Nguyên Đán', 'LUNAR', 1, 1, -1, 5, false, 2013, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm b; Điều 112 khoản 3 (Thủ tướng quyết định cụ thể)'),
      ('Giỗ tổ Hùng Vương', 'LUNAR', 3, 10, 0, 1, false, 2007, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e'),
      ('Ngày Giải phóng miền Nam', 'SOLAR', 4, 30, 0, 1, false, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c'),
      ('Quốc tế Lao động', 'SOLAR', 5, 1, 0, 1, false, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm d'),
      ('Quốc khánh', 'SOLAR', 9, 2, 0, 1, false, 2000, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ'),
      ('Quốc khánh (ngày thứ hai)', 'SOLAR', 9, 2, 0, 1, true, 2021, NULL, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm đ (01 ngày liền kề trước hoặc sau 2/9); Điều 112 khoản 3')`);
        await queryRunner.query(`INSERT INTO "calendar_day" ("day", "kind", "note", "source", "reference") VALUES
      ('2025-01-27', 'DAY_OFF', 'Tết Âm lịch 2025: nghỉ 28 tháng Chạp (thay mùng 4 rơi vào thứ Bảy)', 'GOVERNMENT', 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng đồng ý lịch nghỉ Tết Âm lịch và các dịp lễ 2025)'),
      ('2025-02-03', 'WORKING_DAY', 'Tết Âm lịch 2025: 5 ngày Tết là 27–31/1, không nghỉ bù thứ Hai 3/2', 'GOVERNMENT', 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng đồng ý lịch nghỉ Tết Âm lịch và các dịp lễ 2025)'),
      ('2025-04-26', 'WORKING_DAY', 'Làm bù cho thứ Sáu 2/5/2025 (hoán đổi dịp 30/4 – 1/5)', 'GOVERNMENT', 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng đồng ý lịch nghỉ Tết Âm lịch và các dịp lễ 2025)'),
      ('2025-05-02', 'DAY_OFF', 'Hoán đổi dịp 30/4 – 1/5/2025 (làm bù thứ Bảy 26/4)', 'GOVERNMENT', 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng đồng ý lịch nghỉ Tết Âm lịch và các dịp lễ 2025)'),
      ('2026-01-02', 'DAY_OFF', 'Hoán đổi dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/1)', 'GOVERNMENT', 'Bộ Nội vụ, thông báo ngày 25/12/2025 (Chính phủ đồng ý hoán đổi ngày làm việc dịp Tết Dương lịch 2026)'),
      ('2026-01-10', 'WORKING_DAY', 'Làm bù cho thứ Sáu 2/1/2026 (hoán đổi dịp Tết Dương lịch)', 'GOVERNMENT', 'Bộ Nội vụ, thông báo ngày 25/12/2025 (Chính phủ đồng ý hoán đổi ngày làm việc dịp Tết Dương lịch 2026)'),
      ('2026-08-22', 'WORKING_DAY', 'Làm bù cho thứ Hai 31/8/2026 (hoán đổi dịp Quốc khánh)', 'GOVERNMENT', 'Bộ Nội vụ, thông báo ngày 17/10/2025 về lịch nghỉ Tết Âm lịch và Quốc khánh 2026 (Thủ tướng đồng ý phương án)'),
      ('2026-08-31', 'DAY_OFF', 'Hoán đổi dịp Quốc khánh 2026 (làm bù thứ Bảy 22/8)', 'GOVERNMENT', 'Bộ Nội vụ, thông báo ngày 17/10/2025 về lịch nghỉ Tết Âm lịch và Quốc khánh 2026 (Thủ tướng đồng ý phương án)')
      ON CONFLICT ("day") DO NOTHING`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "calendar_day" WHERE "source" = 'GOVERNMENT'`);
        await queryRunner.query(`ALTER TABLE "calendar_day" DROP CONSTRAINT "ck_calendar_day_source"`);
        await queryRunner.query(`ALTER TABLE "calendar_day" DROP COLUMN "reference"`);
        await queryRunner.query(`ALTER TABLE "calendar_day" DROP COLUMN "source"`);
        await queryRunner.query(`DROP TABLE "holiday_rule"`);
    }

}
