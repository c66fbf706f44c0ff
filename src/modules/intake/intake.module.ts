import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { IntakeController } from './intake.controller.js';
import { IntakeBatcher } from './intake-batcher.service.js';
import { IntakeService } from './intake.service.js';

@Module({ imports: [OrganisationModule, CasesModule], controllers: [IntakeController], providers: [IntakeService, IntakeBatcher] })
export class IntakeModule {}
