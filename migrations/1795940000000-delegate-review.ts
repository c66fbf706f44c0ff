import { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_EVENT_TYPES = ['DELEGATE_ANSWER_ACCEPTED', 'DELEGATE_ANSWER_RETURNED'];
const NEW_STATUS = 'DELEGATE_ANSWERED';

/**
 * The lead reviews its delegate's answer: the assignment status DELEGATE_ANSWERED (17 characters,
 * so the status columns widen), the two review events, and `accepted_answer_id`, the delegate's
 * assignment whose answer the lead took as its own.
 *
 * The two check constraints are rebuilt from what the database holds now plus these values, rather
 * than from a list written here, so that migrations of other branches adding event types in the
 * same release keep theirs whatever order they run in.
 */
export class DelegateReview1795940000000 implements MigrationInterface {
    name = 'DelegateReview1795940000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assignment" ALTER COLUMN "status" TYPE character varying(20)`);
        await queryRunner.query(`ALTER TABLE "assignment" ALTER COLUMN "resume_status" TYPE character varying(20)`);
        await replaceCheck(queryRunner, 'assignment', 'ck_assignment_status', 'status', (values) => [...values, NEW_STATUS]);
        await replaceCheck(queryRunner, 'case_event', 'ck_case_event_type', 'type', (values) => [...values, ...NEW_EVENT_TYPES]);
        await queryRunner.query(`ALTER TABLE "assignment" ADD "accepted_answer_id" uuid`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "fk_assignment_accepted_answer" FOREIGN KEY ("accepted_answer_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "fk_assignment_accepted_answer"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "accepted_answer_id"`);
        await replaceCheck(queryRunner, 'case_event', 'ck_case_event_type', 'type', (values) => values.filter((v) => !NEW_EVENT_TYPES.includes(v)));
        await replaceCheck(queryRunner, 'assignment', 'ck_assignment_status', 'status', (values) => values.filter((v) => v !== NEW_STATUS));
        await queryRunner.query(`ALTER TABLE "assignment" ALTER COLUMN "resume_status" TYPE character varying(16)`);
        await queryRunner.query(`ALTER TABLE "assignment" ALTER COLUMN "status" TYPE character varying(16)`);
    }
}

/** Rebuilds an `IN (…)` check constraint from its current values, changed by `change`. */
async function replaceCheck(q: QueryRunner, table: string, name: string, column: string, change: (values: string[]) => string[]) {
    const [row] = await q.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, [name]);
    const current = row ? [...String(row.def).matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]) : [];
    const values = [...new Set(change(current))];
    await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${name}"`);
    await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK ("${column}" IN (${values.map((v) => `'${v}'`).join(', ')}))`);
}
