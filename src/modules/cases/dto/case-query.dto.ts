import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDay } from '../../../infrastructure/http/validators.js';
import { CASE_STATUSES, CaseStatus, PRIORITIES, type Priority, SENSITIVITIES, type Sensitivity } from '../case.types.js';

/** Orders of a case list: oldest waiting, newest, the deadline that matters now, priority, people affected. */
export const CASE_SORTS = ['oldest', 'newest', 'deadline', 'priority', 'affected'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/**
 * What `from` / `to` bound, and which cases a leader's figure counts (reports' definitions):
 * `received` by receipt; `resolved` / `closed` by the last move to that status; `overdue` by the
 * lead agency's deadline, passed without an answer by then; `open` the cases not answered yet.
 * With a figure, merged cases are left out, as the figures leave them out.
 */
export const CASE_FIGURES = ['received', 'resolved', 'closed', 'overdue', 'open'] as const;
export type CaseFigure = (typeof CASE_FIGURES)[number];

/** Age of an open case in days since receipt, as the open-cases figure buckets it. */
export const AGE_BUCKETS = ['0-7', '8-15', '16-30', '31-60', '60+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** The largest page: a list is paged, never cut. */
export const MAX_PAGE_SIZE = 100;

/** `page` of a paged list: 1-based, bounded so that OFFSET stays small enough for PostgreSQL. */
export const PageField = () =>
  applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100000 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(100000),
  );

/** `pageSize` of a paged list, at most MAX_PAGE_SIZE. */
export const PageSizeField = (byDefault: number) =>
  applyDecorators(
    ApiPropertyOptional({ default: byDefault, minimum: 1, maximum: MAX_PAGE_SIZE }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE_SIZE),
  );

/** "a,b, c" → ['a', 'b', 'c'], for the comma lists of a query string. */
export const CommaList = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  );

const CODE = /^[A-Za-z0-9_.-]+$/;

export class CaseQueryDto {
  @ApiPropertyOptional({ description: 'One status or several separated by commas', example: 'NEW,RETURNED' })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(CASE_STATUSES.length)
  @IsIn(CASE_STATUSES, { each: true, message: `status must be among ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus[];

  @ApiPropertyOptional({ description: 'Category code', example: 'LAND' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ description: 'Area code; includes the areas below it', example: 'X02' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  area?: string;

  @ApiPropertyOptional({ description: 'Org unit code of an agency assigned to the case (lead or supporting, at any time)', example: 'NNMT' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  agency?: string;

  @ApiPropertyOptional({ description: 'Org unit code of the lead agency now (as the leader figures count it)', example: 'UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CODE, { message: 'leadAgency must be an org unit code' })
  leadAgency?: string;

  @ApiPropertyOptional({ description: 'true: cases no agency leads (not yet assigned, or sent back)', enum: ['true'] })
  @IsOptional()
  @IsIn(['true'])
  unassigned?: 'true';

  @ApiPropertyOptional({ description: 'Channel of the case’s first concern', example: 'PETITION' })
  @IsOptional()
  @IsString()
  @MaxLength(24)
  @Matches(/^[A-Z_]+$/, { message: 'channel must be a channel code such as PETITION' })
  channel?: string;

  @ApiPropertyOptional({ description: 'One priority or several separated by commas', example: 'URGENT,HIGH' })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(PRIORITIES.length)
  @IsIn(PRIORITIES, { each: true, message: `priority must be among ${PRIORITIES.join(', ')}` })
  priority?: Priority[];

  @ApiPropertyOptional({ description: 'One sensitivity or several (among the cases the caller may see)', example: 'RESTRICTED' })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(SENSITIVITIES.length)
  @IsIn(SENSITIVITIES, { each: true, message: `sensitivity must be among ${SENSITIVITIES.join(', ')}` })
  sensitivity?: Sensitivity[];

  @ApiPropertyOptional({ description: 'First day (Vietnam time, inclusive) of the instant `figure` names; receipt by default', example: '2026-01-01' })
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (inclusive)', example: '2026-12-31' })
  @IsOptional()
  @IsDay()
  to?: string;

  @ApiPropertyOptional({ enum: CASE_FIGURES, description: 'The cases behind a leader’s figure, with the same filters (see the metrics)' })
  @IsOptional()
  @IsIn(CASE_FIGURES)
  figure?: CaseFigure;

  @ApiPropertyOptional({ enum: ['true'], description: 'Open cases whose lead agency’s deadline has passed' })
  @IsOptional()
  @IsIn(['true'])
  overdue?: 'true';

  @ApiPropertyOptional({
    enum: ['true'],
    description: 'Cases whose clock that matters now (the standing body’s own step while it is theirs, else the lead agency’s) is past due',
  })
  @IsOptional()
  @IsIn(['true'])
  late?: 'true';

  @ApiPropertyOptional({ enum: AGE_BUCKETS, description: 'Open cases of this age in days since receipt' })
  @IsOptional()
  @IsIn(AGE_BUCKETS)
  age?: AgeBucket;

  @ApiPropertyOptional({
    description:
      'Case code (exact, e.g. VV-2026-000123), reporter phone (standing body only; any spacing, +84 or 0) or words, with or without Vietnamese diacritics',
    example: 'boi thuong',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: CaseSort;

  @PageField()
  page?: number;

  @PageSizeField(20)
  pageSize?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE, description: 'The same as pageSize (with `cursor`)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (newest first only; pages otherwise)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
