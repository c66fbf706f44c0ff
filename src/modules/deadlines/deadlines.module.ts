import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { ClockKeeper } from './clock-keeper.service.js';
import { DeadlinesController } from './deadlines.controller.js';
import { DeadlinesService } from './deadlines.service.js';
import { EscalationService } from './escalation.service.js';
import { ExtensionsService } from './extensions.service.js';
import { PoliciesService } from './policies.service.js';
import { DeadlineReminders } from './reminders.service.js';

/** Working-day calendar, deadline policies, extensions and the escalation ladder. */
@Module({
  imports: [CasesModule],
  controllers: [CalendarController, DeadlinesController],
  providers: [CalendarService, DeadlinesService, ExtensionsService, PoliciesService, EscalationService, DeadlineReminders, ClockKeeper],
  exports: [CalendarService, DeadlinesService, EscalationService, DeadlineReminders, ClockKeeper],
})
export class DeadlinesModule {}
