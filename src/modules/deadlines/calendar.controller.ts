import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CalendarService } from './calendar.service.js';
import { CalendarDayBodyDto, CalendarDayParamDto, CalendarQueryDto } from './dto/calendar.dto.js';

/** The working calendar deadlines are counted in, and the admins' corrections to it. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar')
  @Roles('triager', 'leader', 'admin', 'agency')
  @ApiOperation({ summary: 'Public holidays of a year (Tết as 5 days) and the admins’ day-off / make-up working-day overrides' })
  list(@Query() q: CalendarQueryDto) {
    return this.calendar.list(q.year);
  }

  // The day is the resource's key, so it comes from the path only; the body says what the day is.
  @Put('admin/calendar/:day')
  @Roles('admin')
  @ApiOperation({ summary: 'Mark a day off (e.g. National Day’s second day) or a make-up working day; replaces an earlier override' })
  set(@Param() p: CalendarDayParamDto, @Body() dto: CalendarDayBodyDto, @CurrentUser() user: AuthUser) {
    return this.calendar.setDay({ day: p.day, kind: dto.kind, note: dto.note }, user.id);
  }

  @Delete('admin/calendar/:day')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Remove the override of a day (404 when there is none)' })
  remove(@Param() p: CalendarDayParamDto, @CurrentUser() user: AuthUser) {
    return this.calendar.removeDay(p.day, user.id);
  }
}
