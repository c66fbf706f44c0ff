import { Module } from '@nestjs/common';
import { CaseActions } from './case-actions.service.js';
import { CaseTransitions } from './case-transitions.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseTransitions, CaseActions],
  exports: [CasesService, CaseTransitions],
})
export class CasesModule {}
