import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, visibilityCondition } from '../cases/case-access.js';
import { caseUrl, leaderEmails, NotificationsService } from '../notifications/notifications.service.js';

/**
 * The hotspot rule (điểm nóng), per area × category, on concerns by the day they were received:
 * - recent window: the last RECENT_DAYS days; baseline: the BASELINE_WEEKS weeks before it;
 * - each concern weighs 1 + log10(1 + people affected): a concern on behalf of 1,000 people
 *   counts 4, one person's 1.3;
 * - score = weighted recent count / max(weighted weekly baseline mean, 1), × SENSITIVE_FACTOR in a
 *   sensitive category (religion, ethnicity, security: these flare faster);
 * - it fires when at least MIN_RECENT concerns came in the window and score >= MIN_SCORE.
 * The floor of 1 in the baseline keeps a quiet area from firing on two or three concerns.
 */
export const HOTSPOT_RULE = {
  RECENT_DAYS: 7,
  BASELINE_WEEKS: 8,
  MIN_RECENT: 5,
  MIN_SCORE: 3,
  SENSITIVE_FACTOR: 1.5,
} as const;
const DAY_MS = 86_400_000;

interface Candidate {
  area_id: string;
  category_id: string;
  sensitive: boolean;
  recent_count: string;
  recent_weighted: number;
  baseline_count: string;
  baseline_weighted: number;
  people: string | null;
  weekly: number[];
  cases: Array<{ id: string; code: string; title: string }>;
}

export interface HotspotView {
  id: string;
  status: string;
  area: { code: string; label: string };
  category: { code: string; label: string };
  detectedAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  recentCount: number;
  baselineWeeklyMean: number;
  score: number;
  peopleAffected: number;
  sensitive: boolean;
  evidence: Record<string, unknown>;
}

@Injectable()
export class HotspotsService {
  private readonly logger = new Logger(HotspotsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Applies the rule now: records new hotspots (and asks for one e-mail to each leader), refreshes
   * the evidence of those still firing, ends those that stopped. Returns the new ones.
   */
  async scan(now = new Date()): Promise<{ detected: string[]; active: number; ended: number }> {
    const { RECENT_DAYS, BASELINE_WEEKS, MIN_RECENT, MIN_SCORE, SENSITIVE_FACTOR } = HOTSPOT_RULE;
    const recentStart = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
    const baselineStart = new Date(recentStart.getTime() - BASELINE_WEEKS * 7 * DAY_MS);
    return this.db.transaction(async (m) => {
      // One scan at a time (the worker's schedule and a leader's manual scan may meet).
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('hotspot-scan'))`);
      const candidates: Candidate[] = await m.query(
        `WITH k AS (
           SELECT k.area_id, coalesce(k.category_id, c.category_id) AS category_id, k.received_at, k.case_id,
                  coalesce(k.people_affected, 0) AS people, 1 + log(1 + coalesce(k.people_affected, 0)) AS w,
                  k.received_at >= $2 AS recent
             FROM concern k JOIN cases c ON c.id = k.case_id
            WHERE k.received_at >= $1 AND k.received_at < $3)
         SELECT k.area_id, k.category_id, cat.sensitive,
                count(*) FILTER (WHERE recent) AS recent_count, coalesce(sum(w) FILTER (WHERE recent), 0)::float8 AS recent_weighted,
                count(*) FILTER (WHERE NOT recent) AS baseline_count, coalesce(sum(w) FILTER (WHERE NOT recent), 0)::float8 AS baseline_weighted,
                sum(people) FILTER (WHERE recent) AS people,
                -- Concerns per week, oldest first; the last entry is the recent window.
                (SELECT array_agg(coalesce(x.n, 0)::int ORDER BY wk DESC)
                   FROM generate_series(0, ${BASELINE_WEEKS}) wk
                   LEFT JOIN (SELECT floor(extract(epoch FROM $3 - k2.received_at) / 604800) AS wk, count(*) AS n
                                FROM k k2 WHERE k2.area_id = k.area_id AND k2.category_id = k.category_id GROUP BY 1) x USING (wk)) AS weekly,
                (SELECT coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'title', c.title) ORDER BY c.created_at DESC), '[]')
                   FROM (SELECT DISTINCT ON (c.id) c.id, c.code, c.title, c.created_at FROM k k3 JOIN cases c ON c.id = k3.case_id
                          WHERE k3.area_id = k.area_id AND k3.category_id = k.category_id AND k3.recent
                          ORDER BY c.id) c) AS cases
           FROM k JOIN category cat ON cat.id = k.category_id
          GROUP BY k.area_id, k.category_id, cat.sensitive
         HAVING count(*) FILTER (WHERE recent) >= $4`,
        [baselineStart, recentStart, now, MIN_RECENT],
      );
      const firing = candidates
        .map((c) => {
          const baselineWeekly = c.baseline_weighted / BASELINE_WEEKS;
          const score = (c.recent_weighted / Math.max(baselineWeekly, 1)) * (c.sensitive ? SENSITIVE_FACTOR : 1);
          return { c, score: round(score), baselineWeeklyMean: round(Number(c.baseline_count) / BASELINE_WEEKS) };
        })
        .filter((x) => x.score >= MIN_SCORE);

      const detected: string[] = [];
      const seen: string[] = [];
      for (const { c, score, baselineWeeklyMean } of firing) {
        const evidence = {
          rule: HOTSPOT_RULE,
          recentFrom: recentStart.toISOString(),
          baselineFrom: baselineStart.toISOString(),
          until: now.toISOString(),
          recentCount: Number(c.recent_count),
          recentWeighted: round(c.recent_weighted),
          baselineCount: Number(c.baseline_count),
          baselineWeighted: round(c.baseline_weighted),
          weeklyCounts: c.weekly,
          // Ids and codes only: the list reads titles from the cases, through the visibility rule.
          cases: c.cases.slice(0, 20).map((x) => ({ id: x.id, code: x.code })),
        };
        const [row] = await m.query(
          `INSERT INTO hotspot (area_id, category_id, status, detected_at, last_seen_at, recent_count, baseline_weekly_mean, score, people_affected, sensitive, evidence)
           VALUES ($1, $2, 'ACTIVE', $3, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (area_id, category_id) WHERE status = 'ACTIVE'
           DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, recent_count = EXCLUDED.recent_count, baseline_weekly_mean = EXCLUDED.baseline_weekly_mean,
                         score = EXCLUDED.score, people_affected = EXCLUDED.people_affected, evidence = EXCLUDED.evidence
           RETURNING id, (xmax = 0) AS inserted`,
          [c.area_id, c.category_id, now, Number(c.recent_count), baselineWeeklyMean, score, Number(c.people ?? 0), c.sensitive, evidence],
        );
        seen.push(row.id);
        if (row.inserted) {
          detected.push(row.id);
          await this.notifyLeaders(m, row.id, c, score, baselineWeeklyMean);
        }
      }
      const [ended] = await m.query(`UPDATE hotspot SET status = 'ENDED', ended_at = $2 WHERE status = 'ACTIVE' AND NOT (id = ANY($1::uuid[])) RETURNING id`, [
        seen,
        now,
      ]);
      if (detected.length || ended.length) this.logger.log({ detected: detected.length, ended: ended.length, active: seen.length }, 'hotspot scan');
      return { detected, active: seen.length, ended: ended.length };
    });
  }

  /**
   * The hotspots with their evidence. The cases named as evidence are read from `cases` now (not the
   * scan's copy), through the one visibility rule: a caller sees only the cases they may open, and
   * the e-mail audience (`user` null: the review report's attachments) sees every case's code but
   * only a public case's title.
   */
  async list(opts: {
    status?: 'ACTIVE' | 'ENDED' | 'ALL';
    from?: Date;
    to?: Date;
    lang?: 'vi' | 'en';
    limit?: number;
    user: AuthUser | null;
  }): Promise<HotspotView[]> {
    const en = opts.lang === 'en';
    const p = new Params();
    const [status, from, to, limit] = [p.add(opts.status ?? 'ACTIVE'), p.add(opts.from ?? null), p.add(opts.to ?? null), p.add(opts.limit ?? 200)];
    const visible = opts.user ? visibilityCondition(opts.user, p.add) : 'TRUE';
    const title = opts.user ? 'c.title' : `CASE WHEN c.sensitivity = 'PUBLIC' THEN c.title END`;
    return this.db.query(
      `SELECT h.id, h.status, json_build_object('code', a.code, 'label', ${en ? 'a.name_en' : 'a.name_vi'}) AS area,
              json_build_object('code', cat.code, 'label', ${en ? 'cat.label_en' : 'cat.label_vi'}) AS category,
              h.detected_at AS "detectedAt", h.last_seen_at AS "lastSeenAt", h.ended_at AS "endedAt", h.recent_count AS "recentCount",
              h.baseline_weekly_mean AS "baselineWeeklyMean", h.score, h.people_affected AS "peopleAffected", h.sensitive,
              jsonb_set(h.evidence, '{cases}', coalesce(
                (SELECT jsonb_agg(jsonb_build_object('id', c.id, 'code', c.code, 'title', ${title}) ORDER BY x.n)
                   FROM jsonb_array_elements(coalesce(h.evidence->'cases', '[]')) WITH ORDINALITY x(e, n)
                   JOIN cases c ON c.id::text = x.e->>'id'
                  WHERE ${visible}), '[]')) AS evidence
         FROM hotspot h JOIN area a ON a.id = h.area_id JOIN category cat ON cat.id = h.category_id
        WHERE (${status}::text = 'ALL' OR h.status = ${status})
          AND (${from}::timestamptz IS NULL OR coalesce(h.ended_at, 'infinity') >= ${from})
          AND (${to}::timestamptz IS NULL OR h.detected_at < ${to})
        ORDER BY h.status, h.score DESC, h.detected_at DESC
        LIMIT ${limit}`,
      p.values,
    );
  }

  private async notifyLeaders(m: EntityManager, id: string, c: Candidate, score: number, baselineWeeklyMean: number) {
    const leaders = await leaderEmails(m);
    const [names] = await m.query(
      `SELECT a.name_vi AS "areaVi", a.name_en AS "areaEn", c.label_vi AS "categoryVi", c.label_en AS "categoryEn"
         FROM area a, category c WHERE a.id = $1 AND c.id = $2`,
      [c.area_id, c.category_id],
    );
    const base = this.config.http.baseUrl;
    await this.notifications.request(m, {
      // Once per hotspot: a repeat scan of the same episode finds the notice already recorded.
      dedupeKey: `hotspot:${id}`,
      caseId: null,
      recipients: leaders,
      template: 'hotspot-detected',
      vars: {
        areaName: { vi: names.areaVi, en: names.areaEn },
        categoryName: { vi: names.categoryVi, en: names.categoryEn },
        recentCount: Number(c.recent_count),
        baselineWeeklyMean,
        score,
        days: HOTSPOT_RULE.RECENT_DAYS,
        peopleAffected: Number(c.people ?? 0),
        sensitive: c.sensitive,
        cases: c.cases.slice(0, 10).map((x) => ({ caseCode: x.code, caseTitle: x.title, caseUrl: caseUrl(base, x.id) })),
        hotspotsUrl: `${base}/#/leader`,
      },
    });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
