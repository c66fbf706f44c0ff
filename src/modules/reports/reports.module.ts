import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CaseFacts } from './case-facts.service.js';
import { HotspotsService } from './hotspots.service.js';
import { ReportsProcessor } from './jobs/reports.processor.js';
import { ReviewAttachments } from './jobs/review-attachments.js';
import { MetricRollup } from './metric-rollup.service.js';
import { MetricsService } from './metrics.service.js';
import { ReportsController } from './reports.controller.js';
import { ReviewReportService } from './review-report.service.js';

/**
 * Leader reports: metrics over the case_fact rollup, hotspot warnings, periodic review reports.
 * Reads what the other modules write; nothing upstream depends on it.
 */
@Module({
  imports: [DeadlinesModule, NotificationsModule],
  controllers: [ReportsController],
  providers: [
    CaseFacts,
    MetricRollup,
    MetricsService,
    HotspotsService,
    ReviewReportService,
    // Exports are written to the access log through this port (bound to a no-op until the log is wired).
  ],
  exports: [CaseFacts, MetricRollup, MetricsService, HotspotsService, ReviewReportService],
})
export class ReportsModule {}

/** Wherever send-email jobs run: the review report's files for the leaders' notices. */
@Module({
  imports: [ReportsModule, NotificationsModule],
  providers: [ReviewAttachments],
  exports: [ReviewAttachments],
})
export class ReportsMailModule {}

/** The worker side: the reports queue's processor (facts refresh, hotspot scan, scheduled review). */
@Module({
  imports: [ReportsModule, NotificationsModule, ReportsMailModule],
  providers: [ReportsProcessor],
})
export class ReportsWorkerModule {}
