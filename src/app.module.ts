import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from './infrastructure/config/config.module.js';
import { ENTITIES } from './entities.js';
import { DatabaseModule } from './infrastructure/database/database.module.js';
import { HealthModule } from './infrastructure/health/health.module.js';
import { ProblemDetailsFilter } from './infrastructure/http/problem-details.filter.js';
import { createValidationPipe } from './infrastructure/http/validation.js';
import { MetricsController, MetricsService } from './infrastructure/operations/metrics.controller.js';
import { QueueModule } from './infrastructure/queue/queue.module.js';
import { RedisModule } from './infrastructure/redis/redis.module.js';
import { AttachmentsModule } from './modules/attachments/attachments.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { DeadlinesModule } from './modules/deadlines/deadlines.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { IntakeModule } from './modules/intake/intake.module.js';
import { LettersModule } from './modules/letters/letters.module.js';
import { NotesModule } from './modules/notes/notes.module.js';
import { OrganisationModule } from './modules/organisation/organisation.module.js';
import { ProgrammesModule } from './modules/programmes/programmes.module.js';
import { RoutingModule } from './modules/routing/routing.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { WebModule } from './modules/web/web.module.js';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule.forRoot(ENTITIES),
    RedisModule,
    QueueModule,
    AuditModule,
    HealthModule,
    AuthModule,
    OrganisationModule,
    IntakeModule,
    CasesModule,
    AttachmentsModule,
    RoutingModule,
    LettersModule,
    NotesModule,
    ProgrammesModule,
    DeadlinesModule,
    NotificationsModule,
    ReportsModule,
    WebModule,
  ],
  controllers: [MetricsController],
  providers: [MetricsService, { provide: APP_PIPE, useFactory: createValidationPipe }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class AppModule {}
