import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session revocation: every access token carries its user's token_version, and the guard refuses
 * a token whose version is no longer the row's. Deactivation, role, unit and password changes and
 * "log out everywhere" add one, so every API copy refuses the older tokens at once.
 */
export class TokenVersion1795600000002 implements MigrationInterface {
    name = 'TokenVersion1795600000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "app_user" ADD "token_version" integer NOT NULL DEFAULT '0'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "token_version"`);
    }

}
