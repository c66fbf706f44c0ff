import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/index.js';
import { InjectConfig } from '../../../infrastructure/config/config.module.js';
import { localDay } from '../../../infrastructure/time/vn-time.js';
import { type AssignmentRole, type AssignmentStatus, OPEN_ASSIGNMENT_STATUSES } from '../../cases/entities/assignment.entity.js';
import { caseUrl, leaderEmails, NotificationsService } from '../notifications.service.js';

/** Longest list in one e-mail; the rest is counted ("and N more"). */
const MAX_ITEMS = 50;

/** `YYYY-MM-DD` of the day in Vietnam. */
export const vnDate = (at: Date): string => localDay(at);

/** ISO 8601 week of the day in Vietnam, e.g. `2026-W08`. */
export function isoWeek(at: Date): string {
  const d = new Date(`${vnDate(at)}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

interface OpenRow {
  unitCode: string;
  unitName: string;
  emails: string[];
  caseId: string;
  caseCode: string;
  caseTitle: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  resolveDueAt: Date | null;
  overdue: boolean;
}

/** The daily agency digest and the weekly leader digest: one notice each, deduplicated per day / week. */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** One notice per active unit with open assignments, to the unit's addresses. */
  async agencyDigest(now = new Date()): Promise<{ units: number; notices: number }> {
    const rows: OpenRow[] = await this.db.query(
      `SELECT u.code AS "unitCode", u.name_vi AS "unitName", u.emails, c.id AS "caseId", c.code AS "caseCode", c.title AS "caseTitle",
              a.role, a.status, a.resolve_due_at AS "resolveDueAt", COALESCE(a.resolve_due_at < $2, false) AS overdue
         FROM assignment a
         JOIN org_unit u ON u.id = a.org_unit_id AND u.active
         JOIN cases c ON c.id = a.case_id
        WHERE a.status = ANY($1)
        ORDER BY u.code, overdue DESC, a.resolve_due_at NULLS LAST, c.code`,
      [OPEN_ASSIGNMENT_STATUSES, now],
    );
    const byUnit = new Map<string, OpenRow[]>();
    for (const r of rows) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r]);
    const date = vnDate(now);
    const base = this.config.http.baseUrl;
    let notices = 0;
    for (const [unitCode, items] of byUnit) {
      const { unitName, emails } = items[0];
      if (!emails?.length) {
        this.logger.warn({ unitCode }, 'unit has open assignments but no e-mail address: no digest');
        continue;
      }
      const ids = await this.db.transaction((m) =>
        this.notifications.request(m, {
          dedupeKey: `digest:agency:${unitCode}:${date}`,
          caseId: null,
          recipients: emails,
          template: 'agency-digest',
          vars: {
            agencyName: unitName,
            date,
            openCount: items.length,
            overdueCount: items.filter((i) => i.overdue).length,
            items: items.slice(0, MAX_ITEMS).map((i, k) => ({
              n: k + 1,
              caseCode: i.caseCode,
              caseTitle: i.caseTitle,
              role: i.role,
              status: i.status,
              resolveDueAt: i.resolveDueAt,
              overdue: i.overdue,
              caseUrl: caseUrl(base, i.caseId),
            })),
            more: Math.max(0, items.length - MAX_ITEMS),
            inboxUrl: base,
          },
        }),
      );
      notices += ids.length;
    }
    this.logger.log({ units: byUnit.size, notices }, 'agency digest');
    return { units: byUnit.size, notices };
  }

  /** Received / resolved in the last 7 days and what is overdue now, to every active leader. */
  async leaderDigest(now = new Date()): Promise<{ recipients: number; notices: number }> {
    const from = new Date(now.getTime() - 7 * 86400_000);
    const [counts] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM cases WHERE created_at >= $1 AND created_at < $2 AND status <> 'MERGED') AS received,
              (SELECT count(DISTINCT case_id)::int FROM case_event WHERE to_status = 'RESOLVED' AND occurred_at >= $1 AND occurred_at < $2) AS resolved,
              (SELECT count(DISTINCT case_id)::int FROM assignment WHERE status = ANY($3) AND resolve_due_at < $2) AS overdue`,
      [from, now, OPEN_ASSIGNMENT_STATUSES],
    );
    const overdue: Array<{ caseId: string; caseCode: string; caseTitle: string; agencyName: string; resolveDueAt: Date; daysOverdue: number }> =
      await this.db.query(
        `SELECT c.id AS "caseId", c.code AS "caseCode", c.title AS "caseTitle",
                string_agg(u.name_vi, ', ' ORDER BY a.resolve_due_at, u.name_vi) AS "agencyName", min(a.resolve_due_at) AS "resolveDueAt",
                floor(extract(epoch FROM $2::timestamptz - min(a.resolve_due_at)) / 86400)::int AS "daysOverdue"
           FROM assignment a
           JOIN cases c ON c.id = a.case_id
           JOIN org_unit u ON u.id = a.org_unit_id
          WHERE a.status = ANY($1) AND a.resolve_due_at < $2
          GROUP BY c.id, c.code, c.title
          ORDER BY min(a.resolve_due_at), c.code
          LIMIT $3`,
        [OPEN_ASSIGNMENT_STATUSES, now, MAX_ITEMS],
      );
    const leaders = await leaderEmails(this.db);
    if (!leaders.length) {
      this.logger.warn('no active leader: no weekly digest');
      return { recipients: 0, notices: 0 };
    }
    const base = this.config.http.baseUrl;
    const week = isoWeek(now);
    const ids = await this.db.transaction((m) =>
      this.notifications.request(m, {
        dedupeKey: `digest:leader:${week}`,
        caseId: null,
        recipients: leaders,
        template: 'leader-digest',
        vars: {
          week,
          from: vnDate(from),
          to: vnDate(now),
          received: counts.received,
          resolved: counts.resolved,
          overdue: counts.overdue,
          // One line per case, naming every late agency.
          items: overdue.map((o, k) => ({ n: k + 1, ...o, caseUrl: caseUrl(base, o.caseId) })),
          more: Math.max(0, counts.overdue - overdue.length),
          dashboardUrl: base,
        },
      }),
    );
    this.logger.log({ week, recipients: leaders.length, notices: ids.length }, 'leader digest');
    return { recipients: leaders.length, notices: ids.length };
  }
}
