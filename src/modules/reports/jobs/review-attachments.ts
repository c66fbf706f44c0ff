import { Injectable, OnModuleInit } from '@nestjs/common';
import { NotificationAttachments } from '../../notifications/attachments.js';
import { exportReport } from '../review-export.js';
import { type ReviewReport, ReviewReportService } from '../review-report.service.js';

const REPORT_KEPT_MS = 5 * 60_000;
/** The leaders' copy: the DOCX report to edit and sign, its figures as a spreadsheet, and the annex to print. */
export const REVIEW_FILES = ['docx', 'xlsx', 'pdf'] as const;

/**
 * The review report's files on the leaders' notices. Registered wherever send-email jobs run,
 * which need not be the process that runs the reports queue (WORKER_ROLE): the files are made when
 * the e-mail is sent, from the period stored on the notice.
 */
@Injectable()
export class ReviewAttachments implements OnModuleInit {
  private readonly reports = new Map<string, { at: number; report: Promise<ReviewReport> }>();

  constructor(
    private readonly reviews: ReviewReportService,
    private readonly attachments: NotificationAttachments,
  ) {}

  onModuleInit() {
    this.attachments.register('review-report', async (vars, locale) => {
      const report = await this.report(String(vars.period), (vars.programme as string) || undefined, locale);
      return Promise.all(REVIEW_FILES.map((format) => exportReport(report, format)));
    });
  }

  /**
   * The review report, built once for the job that asks for it and every leader's notice after:
   * they all want the same figures, and a year at 1M cases takes seconds. Kept a few minutes; a
   * failure is not kept, so the next attempt builds again.
   */
  report(period: string, programme: string | undefined, lang: 'vi' | 'en'): Promise<ReviewReport> {
    const key = JSON.stringify([period, programme ?? null, lang]);
    const now = Date.now();
    for (const [k, v] of this.reports) if (now - v.at >= REPORT_KEPT_MS) this.reports.delete(k);
    const hit = this.reports.get(key);
    if (hit) return hit.report;
    // The e-mail audience: case codes, and titles of public cases only.
    const report = this.reviews.build(period, { programme, lang, user: null });
    this.reports.set(key, { at: now, report });
    report.catch(() => this.reports.delete(key));
    return report;
  }
}
