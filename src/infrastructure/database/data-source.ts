import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../config/index.js';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (`typeorm migration:generate -d dist/src/infrastructure/database/data-source.js`). */
export default new DataSource(dataSourceOptions(loadConfig()));
