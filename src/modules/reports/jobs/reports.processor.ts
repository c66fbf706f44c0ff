import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { declareHandled, dispatch } from '../../../infrastructure/queue/job-handlers.js';
import { JobSchedules } from '../../../infrastructure/queue/job-schedules.service.js';
import { JOBS, type JobPayloads, QUEUES } from '../../../infrastructure/queue/queue.registry.js';
import { VN_TIME_ZONE } from '../../../infrastructure/time/vn-time.js';
import { leaderEmails, NotificationsService } from '../../notifications/notifications.service.js';
import { CaseFacts } from '../case-facts.service.js';
import { HotspotsService } from '../hotspots.service.js';
import { fileName } from '../review-export.js';
import { periodsJustEnded } from '../review-report.service.js';
import { REVIEW_FILES, ReviewAttachments } from './review-attachments.js';

declareHandled([JOBS.metricsRefresh.name, JOBS.hotspotScan.name, JOBS.reviewReport.name]);

const TZ = VN_TIME_ZONE;

/**
 * The reports queue: keeps case_fact in step with the timeline, scans for hotspots, and sends the
 * periodic review report to leaders (07:00 on the 5th of the month after each quarter; the half-year
 * and year reports go with Q2 and Q4).
 */
@Processor(QUEUES.reports, { concurrency: 2 })
export class ReportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsProcessor.name);

  constructor(
    private readonly db: DataSource,
    private readonly facts: CaseFacts,
    private readonly hotspots: HotspotsService,
    private readonly notifications: NotificationsService,
    private readonly reviews: ReviewAttachments,
    @InjectQueue(QUEUES.reports) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    const r = this.config.reports;
    await this.schedules.keep(this.queue, JOBS.metricsRefresh.name, { every: r.metricsRefreshMs }, { name: JOBS.metricsRefresh.name, data: {} });
    await this.schedules.keep(this.queue, JOBS.hotspotScan.name, { every: r.hotspotScanMs }, { name: JOBS.hotspotScan.name, data: {} });
    await this.schedules.keep(this.queue, JOBS.reviewReport.name, { pattern: '0 7 5 1,4,7,10 *', tz: TZ }, { name: JOBS.reviewReport.name, data: {} });
  }

  process(job: Job): Promise<unknown> {
    return dispatch(
      {
        'metrics-refresh': async () => ({ cases: await this.facts.refresh() }),
        'hotspot-scan': () => this.hotspots.scan(),
        'review-report': (data, j) => this.sendReview(data, j),
      },
      job,
    );
  }

  /**
   * Records one notice per leader; the send-email job attaches the DOCX, the XLSX and the PDF. A scheduled
   * run is deduplicated per period (a second firing sends nothing); an explicit request per job.
   */
  private async sendReview(data: JobPayloads['review-report'], job: Job) {
    const periods = data.period ? [data.period] : periodsJustEnded(new Date());
    const lang = data.lang ?? 'vi';
    const leaders = await leaderEmails(this.db);
    if (!leaders.length) {
      this.logger.warn('no active leader: review report not sent');
      return { sent: 0 };
    }
    let notices = 0;
    for (const period of periods) {
      const report = await this.reviews.report(period, data.programme, lang);
      const once = data.period ? `job.${job.id}` : 'scheduled';
      const ids = await this.db.transaction((m) =>
        this.notifications.request(m, {
          dedupeKey: `review:${period}:${data.programme ?? 'all'}:${lang}:${once}`,
          caseId: null,
          recipients: leaders,
          template: 'review-report',
          locale: lang,
          vars: {
            period,
            programme: data.programme ?? null,
            periodLabel: report.period.label,
            scopeName: report.scope.name,
            received: report.summary.received,
            resolved: report.summary.resolved,
            overdue: report.summary.overdue,
            onTimePercent: report.summary.onTimeShare === null ? null : Math.round(report.summary.onTimeShare * 1000) / 10,
            files: REVIEW_FILES.map((ext) => fileName(report, ext)),
          },
        }),
      );
      notices += ids.length;
    }
    this.logger.log({ periods, notices }, 'review report requested');
    return { periods, notices };
  }
}
