import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsDay, IsDayOrTimestamp, NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { HOLIDAY_CALENDARS, type HolidayCalendar } from '../calendar-data.js';
import { CALENDAR_DAY_KINDS, CALENDAR_DAY_SOURCES, type CalendarDayKind, type CalendarDaySource } from '../entities/calendar-day.entity.js';

// A bare date (no time part) that exists: 2026-02-30 is refused.
const DAY_MESSAGE = 'day must be a date YYYY-MM-DD';
// A bare date (that day 00:00 in Vietnam) or an instant with its offset: a time without a zone is ambiguous.
// The pattern narrows the shared strict check to the years the calendar computes.
const FROM_PATTERN = /^20\d{2}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const FROM_MESSAGE = 'from must be a date YYYY-MM-DD or an ISO 8601 instant with its offset (e.g. 2027-02-03T10:00:00+07:00), years 2000–2099';
// Plain decimals only: Number() would also take '', '1e3' and '0x10'.
const DAYS_PATTERN = /^\d{1,4}(\.\d{1,6})?$/;

/** What an admin says about a day: off (e.g. National Day's second day) or a make-up working day. */
export class CalendarDayBodyDto {
  @ApiProperty({ enum: CALENDAR_DAY_KINDS, example: 'DAY_OFF' })
  @IsIn(CALENDAR_DAY_KINDS, { message: `kind must be one of ${CALENDAR_DAY_KINDS.join(', ')}` })
  kind: CalendarDayKind;

  @ApiProperty({ example: 'Nghỉ lễ Quốc khánh (ngày thứ hai) theo thông báo của Chính phủ', minLength: 1, maxLength: 300 })
  @IsString()
  @NotBlank()
  @MaxLength(300)
  note: string;

  @ApiPropertyOptional({ enum: CALENDAR_DAY_SOURCES, default: 'ADMIN', description: 'GOVERNMENT for a yearly announcement (then `reference` is required)' })
  @Omittable()
  @IsIn(CALENDAR_DAY_SOURCES, { message: `source must be one of ${CALENDAR_DAY_SOURCES.join(', ')}` })
  source?: CalendarDaySource;

  @ApiPropertyOptional({ example: 'Thông báo …/TB-BNV ngày …', maxLength: 300, description: 'The announcement; required when source is GOVERNMENT' })
  @ValidateIf((o: CalendarDayBodyDto) => o.source === 'GOVERNMENT' || o.reference !== undefined)
  @IsString({ message: 'reference must name the announcement when source is GOVERNMENT' })
  @NotBlank()
  @MaxLength(300)
  reference?: string;
}

/** A full calendar override: the day and what it is. */
export class SetCalendarDayDto extends CalendarDayBodyDto {
  @ApiProperty({ example: '2026-09-01', description: 'Calendar date in Asia/Ho_Chi_Minh' })
  @IsDay({ message: DAY_MESSAGE })
  day: string;
}

/** The `:day` path parameter of the admin calendar routes. */
export class CalendarDayParamDto {
  @ApiProperty({ example: '2026-09-01' })
  @IsDay({ message: DAY_MESSAGE })
  day: string;
}

export class CalendarQueryDto {
  @ApiPropertyOptional({ description: 'Calendar year; the current year when omitted', example: 2026, minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CalendarPreviewQueryDto {
  @ApiProperty({ example: '2027-02-03T10:00:00+07:00', description: 'The deadline’s start: an instant with offset, or a date (00:00 in Vietnam)' })
  @Matches(FROM_PATTERN, { message: FROM_MESSAGE })
  @IsDayOrTimestamp({ message: FROM_MESSAGE })
  from: string;

  @ApiProperty({ example: 5, minimum: 0, maximum: 3650, description: 'Working days, fractions allowed (as the deadline policies allow)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DAYS_PATTERN.test(value) ? Number(value) : value))
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'workingDays must be a number of working days, e.g. 5 or 0.5' })
  @Min(0)
  @Max(3650)
  workingDays: number;
}

/** A public holiday the law gives, as a row (a newly legislated one, or a rule's end). */
export class HolidayRuleDto {
  @ApiProperty({ example: 'Ngày Văn hóa Việt Nam', maxLength: 120 })
  @IsString()
  @NotBlank()
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: HOLIDAY_CALENDARS, example: 'SOLAR', description: 'LUNAR dates are converted per year (Vietnam’s lunar calendar)' })
  @IsIn(HOLIDAY_CALENDARS, { message: `calendar must be one of ${HOLIDAY_CALENDARS.join(', ')}` })
  calendar: HolidayCalendar;

  @ApiProperty({ example: 11, minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  month: number;

  @ApiProperty({ example: 24, minimum: 1, maximum: 31 })
  @IsInt()
  @Min(1)
  @Max(31)
  day: number;

  @ApiPropertyOptional({ default: 0, minimum: -5, maximum: 5, description: 'First day off relative to the date (Tết: -1, the eve)' })
  @Omittable()
  @IsInt()
  @Min(-5)
  @Max(5)
  offsetDays?: number;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10)
  lengthDays?: number;

  @ApiPropertyOptional({ default: false, description: 'One day next to the date, chosen by the government each year' })
  @Omittable()
  @IsBoolean()
  adjacent?: boolean;

  @ApiProperty({ example: 2027, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fromYear: number;

  @ApiPropertyOptional({ example: null, minimum: 2000, maximum: 2100, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  toYear?: number | null;

  @ApiProperty({ example: 'Bộ luật Lao động (sửa đổi) …, Điều 112', maxLength: 300 })
  @IsString()
  @NotBlank()
  @MaxLength(300)
  legalBasis: string;
}

export class HolidayRuleParamDto {
  @ApiProperty({ example: 8 })
  @Matches(/^[1-9]\d{0,8}$/, { message: 'rule must be a holiday rule id' })
  rule: string;
}
