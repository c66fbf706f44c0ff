import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDay, MAX_YEAR, MIN_YEAR } from '../../../infrastructure/http/validators.js';
import { PRIORITIES, type Priority } from '../../cases/case.types.js';
import { CHANNELS, type Channel } from '../../intake/intake.types.js';

export const DIMENSIONS = ['agency', 'category', 'area', 'channel', 'priority'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const INTERVALS = ['week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];
export const GROUP_KEYS = [...DIMENSIONS, ...INTERVALS] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

const notADay = ({ property, value }: { property: string; value: unknown }) =>
  `${property} is not a calendar day: ${String(value).slice(0, 40)} (YYYY-MM-DD, ${MIN_YEAR}–${MAX_YEAR})`;
const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** Filters every metric accepts: one value per dimension. */
export class MetricsFilterDto {
  @ApiPropertyOptional({ description: 'Lead agency (org unit code). An agency user may only name their own unit.', example: 'NNMT' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  agency?: string;

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

  @ApiPropertyOptional({ enum: CHANNELS, description: 'Channel of the case’s first concern' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi', description: 'Language of the labels' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';
}

/** A period of local days on top of the filters. */
export class PeriodFilterDto extends MetricsFilterDto {
  @ApiPropertyOptional({ description: 'First day (Vietnam time), inclusive. Default: 365 days before `to`.', example: '2026-01-01' })
  @IsOptional()
  @IsDay({ message: notADay })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (Vietnam time), inclusive. Default: today.', example: '2026-12-31' })
  @IsOptional()
  @IsDay({ message: notADay })
  to?: string;
}

export class ResolutionTimesQueryDto extends PeriodFilterDto {
  @ApiPropertyOptional({
    description: `One or two grouping keys separated by a comma, e.g. \`agency\`, \`month\`, \`agency,month\` (a time series per agency). Keys: ${GROUP_KEYS.join(', ')}.`,
    example: 'agency',
  })
  @IsOptional()
  @Transform(list)
  @ArrayMinSize(1)
  @ArrayMaxSize(2, { message: 'groupBy takes at most two keys' })
  @IsIn(GROUP_KEYS, { each: true, message: `groupBy must be among ${GROUP_KEYS.join(', ')}` })
  groupBy?: GroupKey[];
}

export class OpenCasesQueryDto extends MetricsFilterDto {
  @ApiPropertyOptional({ enum: DIMENSIONS, description: 'Rows per value of this dimension (default: totals only)' })
  @IsOptional()
  @IsIn(DIMENSIONS)
  groupBy?: Dimension;
}

/** Whole numbers only as digits: `05`, `1e1`, `0x10` or ` 5` are not taken for a number. */
export const wholeNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : value);
export const MIN_ANSWERED_DEFAULT = 5;

/** The ranking covers every agency: no agency filter; the other filters narrow the cases counted. */
export class AgencyRankingQueryDto extends OmitType(PeriodFilterDto, ['agency'] as const) {
  @ApiPropertyOptional({
    description: 'Only agencies with at least this many answered cases (resolved, with a deadline) in the period are ranked; the others are listed unranked.',
    default: MIN_ANSWERED_DEFAULT,
    minimum: 1,
    maximum: 10000,
  })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'minAnswered must be a whole number' })
  @Min(1)
  @Max(10_000)
  minAnswered?: number;
}
