import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

@Module({ imports: [OrganisationModule], controllers: [IntakeController], providers: [IntakeService] })
export class IntakeModule {}
