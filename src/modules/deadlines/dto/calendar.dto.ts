import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDay, NotBlank } from '../../../infrastructure/http/validators.js';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '../entities/calendar-day.entity.js';

// A bare date (no time part) that exists: 2026-02-30 is refused.
const DAY_MESSAGE = 'day must be a date YYYY-MM-DD';

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
