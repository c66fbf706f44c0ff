import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CalendarService } from './calendar.service.js';
import { ClockKeeper } from './clock-keeper.service.js';
import { CalendarDayBodyDto, CalendarDayParamDto, CalendarPreviewQueryDto, CalendarQueryDto, HolidayRuleDto, HolidayRuleParamDto } from './dto/calendar.dto.js';

/**
 * The working calendar deadlines are counted in, and the admins' corrections to it. A correction
 * moves the open deadlines it touches at once: the clocks are recomputed from the timelines before
 * the answer (rare admin writes; the deadline plans follow).
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clocks: ClockKeeper,
  ) {}

  @Get('calendar')
  @Roles('triager', 'leader', 'admin', 'agency')
  @ApiOperation({
    summary:
      'The year’s days off with why (holiday, substitute day, government swap, admin) and its make-up working days; the law’s holidays and the overrides',
  })
  list(@Query() q: CalendarQueryDto) {
    return this.calendar.list(q.year);
  }

  @Get('calendar/preview')
  @Roles('triager', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: 'The working days a deadline counts from `from` (each day counted or skipped, with why) and its due instant' })
  preview(@Query() q: CalendarPreviewQueryDto) {
    return this.calendar.preview(q.from, q.workingDays);
  }

  // The day is the resource's key, so it comes from the path only; the body says what the day is.
  @Put('admin/calendar/:day')
  @Roles('admin')
  @ApiOperation({
    summary: 'Mark a day off or a make-up working day (source GOVERNMENT with the announcement’s reference, or ADMIN); replaces an earlier override',
  })
  async set(@Param() p: CalendarDayParamDto, @Body() dto: CalendarDayBodyDto, @CurrentUser() user: AuthUser) {
    const row = await this.calendar.setDay({ day: p.day, kind: dto.kind, note: dto.note, source: dto.source, reference: dto.reference }, user.id);
    await this.clocks.recomputeAll();
    return row;
  }

  @Delete('admin/calendar/:day')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove the override of a day (404 when there is none)' })
  async remove(@Param() p: CalendarDayParamDto, @CurrentUser() user: AuthUser) {
    await this.calendar.removeDay(p.day, user.id);
    await this.clocks.recomputeAll();
  }

  @Get('admin/calendar/holiday-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'The public holidays the law gives, as rows' })
  rules() {
    return this.calendar.rules();
  }

  @Post('admin/calendar/holiday-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a public holiday (e.g. a newly legislated one): one row, solar or lunar date, years, legal basis' })
  async addRule(@Body() dto: HolidayRuleDto, @CurrentUser() user: AuthUser) {
    const rule = await this.calendar.addRule(dto, user.id);
    await this.clocks.recomputeAll();
    return rule;
  }

  // `:rule`, not `:id`: the input guard reads every `:id` as a UUID, and rules are numbered.
  @Delete('admin/calendar/holiday-rules/:rule')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove a holiday rule (404 when there is none)' })
  async removeRule(@Param() p: HolidayRuleParamDto, @CurrentUser() user: AuthUser) {
    await this.calendar.removeRule(p.rule, user.id);
    await this.clocks.recomputeAll();
  }
}
