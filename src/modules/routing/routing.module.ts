import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { LettersModule } from '../letters/letters.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { AssignmentsService } from './assignments.service.js';
import { AssignmentsController, RoutingRulesController, TriageController } from './routing.controller.js';
import { RoutingRulesService } from './routing-rules.service.js';
import { TriageService } from './triage.service.js';

/** Routing: triage to agencies, the agency inbox and its actions, verification, routing rules. */
@Module({
  imports: [CasesModule, OrganisationModule, DeadlinesModule, AttachmentsModule, LettersModule],
  controllers: [TriageController, AssignmentsController, RoutingRulesController],
  providers: [TriageService, AssignmentsService, RoutingRulesService],
})
export class RoutingModule {}
