import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Area } from './entities/area.entity';
import { Category } from './entities/category.entity';
import { OrgUnit } from './entities/org-unit.entity';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';
import { ReferenceCache } from './reference-cache.service';

@Module({
  imports: [TypeOrmModule.forFeature([Area, OrgUnit, Category])],
  controllers: [OrganisationController],
  providers: [OrganisationService, ReferenceCache],
  exports: [ReferenceCache],
})
export class OrganisationModule {}
