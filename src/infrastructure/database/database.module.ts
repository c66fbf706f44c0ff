import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../../config/index.js';
import { APP_CONFIG } from '../config/config.module.js';
import { dataSourceOptions, type EntityList } from './data-source-options.js';

/** The TypeORM connection; the caller (the composition root) hands in the entity list. */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config, entities), autoLoadEntities: false }),
        }),
      ],
    };
  }
}
