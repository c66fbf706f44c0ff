import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../../../config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of the database connection, used by the API, the worker, the
 * migration CLI and the tests. Entities and migrations are found by glob so that the same
 * options work from compiled JavaScript (dist/) and from TypeScript under jest.
 */
export function dataSourceOptions(config: AppConfig, overrides: { url?: string; poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: overrides.url ?? config.database.url,
    entities: [join(__dirname, '..', '..', 'modules', '**', 'entities', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: { max: overrides.poolSize ?? config.database.poolSize, application_name: 'concern-desk' },
  };
}
