import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { AgencyRankingQueryDto, MIN_ANSWERED_DEFAULT, OpenCasesQueryDto, ResolutionTimesQueryDto, wholeNumber } from './dto/metrics-query.dto.js';
import { AccessLogService } from '../audit/access-log.service.js';
import { HotspotsService } from './hotspots.service.js';
import { MetricsService } from './metrics.service.js';
import { EXPORT_FORMATS, type ExportFormat, exportReport } from './review-export.js';
import { PERIOD_FORMS, PERIOD_PATTERN, ReviewReportService } from './review-report.service.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { IsDay } from '../../infrastructure/http/validators.js';

const TIME_NOTE =
  'Durations are in hours, each as calendar time and as working time (only the hours of Vietnam working days count: ' +
  'weekends, public holidays incl. the five days of Tết, and admin DAY_OFF overrides are left out). ' +
  'acknowledge = lead assignment → its acknowledgement; resolve = receipt (CREATED) → the case’s resolution. ' +
  'Counts are by each measure’s own instant: received by receipt, resolved by resolution, closed by closing, ' +
  'overdue = a deadline that passed in the period (and before now) without a resolution by then. ' +
  'onTimeShare = onTime / answered: of the cases resolved with a lead deadline (answered), those whose lead answered by its clock’s due instant, ' +
  'which the clock moves by the paused working time (an agency is not blamed for time it waited for others); a paused clock is never overdue. ' +
  'triage = receipt → TRIAGED (or a rejection), by the triage’s instant, in working hours, onTimeShare = its clock MET (within the triage allowance); ' +
  'verify = the last RESOLVED → CLOSED or REOPENED, by the verification’s instant; paused = the lead’s paused working time per resolved case, by the resolution. ' +
  'Figures come from case_fact, refreshed from the timeline by the worker (seconds behind), ' +
  'through a day rollup for the days before today. Counts, shares and means are exact; medians and p90 are exact while the period holds at most ' +
  'METRICS_EXACT_MAX (default 20,000) timings department-wide, above that estimated from the rollup’s histograms within 1 % — `percentiles` says which.';

export class HotspotQueryDto {
  @ApiPropertyOptional({ enum: ['ACTIVE', 'ENDED', 'ALL'], default: 'ACTIVE' })
  @IsOptional()
  @IsIn(['ACTIVE', 'ENDED', 'ALL'])
  status?: 'ACTIVE' | 'ENDED' | 'ALL';

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';
}

export class ReviewQueryDto {
  @ApiPropertyOptional({ description: `The period: ${PERIOD_FORMS}; or leave it out and give from and to`, example: '2026-Q3' })
  @IsOptional()
  @IsString()
  @Matches(PERIOD_PATTERN, { message: `period must be ${PERIOD_FORMS}` })
  period?: string;

  @ApiPropertyOptional({ description: 'Instead of period: the first day (Vietnam time), with to', example: '2026-01-01' })
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional({ description: 'Instead of period: the last day, inclusive, with from', example: '2026-09-30' })
  @IsOptional()
  @IsDay()
  to?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi', description: 'Language of headings and labels' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';

  @ApiPropertyOptional({ description: 'Coordination programme code: its party units’ and categories’ cases only', example: '01-CTrPH/BTGTU-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programme?: string;

  @ApiPropertyOptional({ description: 'The ranking section ranks agencies with at least this many answered cases', default: MIN_ANSWERED_DEFAULT })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'minAnswered must be a whole number' })
  @Min(1)
  @Max(10_000)
  minAnswered?: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly hotspots: HotspotsService,
    private readonly reviews: ReviewReportService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get('metrics/resolution-times')
  @Roles('leader', 'triager', 'agency')
  @ApiOperation({ summary: 'Received, resolved, closed, overdue, on-time share and time to acknowledge / resolve, grouped', description: TIME_NOTE })
  resolutionTimes(@Query() q: ResolutionTimesQueryDto, @CurrentUser() user: AuthUser) {
    return this.metrics.resolutionTimes(q, user);
  }

  @Get('metrics/agency-ranking')
  @Roles('leader', 'triager', 'agency')
  @ApiOperation({
    summary: 'Agencies ranked by on-time share (by their clocks), with answered and on-time counts, median time to resolve and time paused',
    description:
      'Only agencies with at least `minAnswered` answered cases in the period are ranked; the others are listed unranked. Ties: more answered first, ' +
      'then the shorter median time to resolve, then the agency code. Counts only, no case is named. An agency user reads every rank and agency name, ' +
      'and the figures of its own line only (`visibility: own`).',
  })
  agencyRanking(@Query() q: AgencyRankingQueryDto, @CurrentUser() user: AuthUser) {
    return this.metrics.agencyRanking(q, user);
  }

  @Get('metrics/open-cases')
  @Roles('leader', 'triager', 'agency')
  @ApiOperation({ summary: 'Open cases now, by age in calendar days since receipt, and how many are past their deadline' })
  openCases(@Query() q: OpenCasesQueryDto, @CurrentUser() user: AuthUser) {
    return this.metrics.openCases(q, user);
  }

  @Get('hotspots')
  @Roles('leader', 'triager')
  @ApiOperation({ summary: 'Hotspots (area × category surges) with their evidence; active ones by default' })
  async listHotspots(@Query() q: HotspotQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.hotspots.list({ status: q.status, lang: q.lang, user }) };
  }

  @Get('reports/review')
  @Roles('leader', 'triager')
  @ApiOperation({
    summary:
      'Periodic review report (sơ kết, tổng kết) of the department or a coordination programme: the DOCX report to edit and sign, or its figures as JSON, XLSX, CSV or PDF',
  })
  @ApiProduces(
    'application/json',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
    'application/pdf',
  )
  async review(@Query() q: ReviewQueryDto, @CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const report = await this.reviews.build(reviewPeriodCode(q), { programme: q.programme, lang: q.lang, user, minAnswered: q.minAnswered });
    const format = q.format ?? 'json';
    if (format === 'json') return report;
    const file = await exportReport(report, format);
    // A file leaves the system with these cases' words in it: written down before it is handed over.
    const cases = new Set([...report.overdueCases.map((c) => c.id), ...report.hotspots.flatMap((h) => evidenceCaseIds(h.evidence))]);
    await this.accessLog.record(
      [...cases].map((caseId) => ({ userId: user.id, role: user.role, caseId, action: 'EXPORT' as const, requestId: String(req.id) })),
    );
    void res.header('content-type', file.contentType);
    void res.header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.content;
  }
}

/** The period asked for: a code, or from and to (both), never both ways at once. */
function reviewPeriodCode(q: ReviewQueryDto): string {
  const days = q.from !== undefined || q.to !== undefined;
  if (q.period !== undefined && days) throw DomainError.validation([{ field: 'period', message: 'give either period or from and to, not both' }]);
  if (q.period !== undefined) return q.period;
  if (!days) throw DomainError.validation([{ field: 'period', message: `period is required: ${PERIOD_FORMS}, or from and to` }]);
  if (q.from === undefined || q.to === undefined) {
    const missing = q.from === undefined ? 'from' : 'to';
    throw DomainError.validation([{ field: missing, message: `${missing} is required with ${missing === 'from' ? 'to' : 'from'}` }]);
  }
  return `${q.from}..${q.to}`;
}

function evidenceCaseIds(evidence: Record<string, unknown>): string[] {
  const cases = evidence.cases;
  return Array.isArray(cases) ? cases.map((c: { id?: unknown }) => c?.id).filter((id): id is string => typeof id === 'string') : [];
}
