import { Module } from '@nestjs/common';
import { AssignmentRepository } from './assignment.repository.js';
import { CaseActions } from './case-actions.service.js';
import { CaseAttachmentsPort } from './case-attachments.port.js';
import { CaseClocksPort } from './case-clocks.port.js';
import { CaseRepository } from './case.repository.js';
import { CaseTransitions } from './case-transitions.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { SavedViewsController } from './saved-views.controller.js';
import { SavedViewsService } from './saved-views.service.js';

@Module({
  controllers: [CasesController, SavedViewsController],
  // The two repositories are the only writers of `cases` and `assignment` (table-owners.spec.ts).
  providers: [SavedViewsService, CasesService, CaseTransitions, CaseActions, CaseRepository, AssignmentRepository, CaseClocksPort, CaseAttachmentsPort],
  exports: [CasesService, CaseTransitions, CaseActions, CaseRepository, AssignmentRepository, CaseClocksPort, CaseAttachmentsPort],
})
export class CasesModule {}
