import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/index.js';
import { ENTITIES } from '../entities.js';
import { dataSourceOptions } from '../infrastructure/database/data-source-options.js';

/** For the TypeORM CLI (`typeorm migration:generate -d dist/src/cli/data-source.js`). */
export default new DataSource(dataSourceOptions(loadConfig(), ENTITIES));
