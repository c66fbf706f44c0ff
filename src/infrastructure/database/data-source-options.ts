import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The entity classes; the composition root (src/entities.ts) owns the list, so infrastructure imports no module. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/**
 * The one description of the database connection, used by the API, the worker, the
 * migration CLI and the tests.
 */
export function dataSourceOptions(config: AppConfig, entities: EntityList, overrides: { url?: string; poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: overrides.url ?? config.database.url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as errors in the caller's logs; TypeORM's own console output is noise in tests.
    logging: config.env === 'test' ? false : ['error'],
    // A starved pool fails after 10 s instead of hanging the process for good (a request then gets an error, not silence).
    extra: { max: overrides.poolSize ?? config.database.poolSize, application_name: 'concern-desk', connectionTimeoutMillis: 10_000 },
  };
}
