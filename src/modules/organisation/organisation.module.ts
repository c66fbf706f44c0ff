import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Area } from './entities/area.entity.js';
import { Category } from './entities/category.entity.js';
import { OrgUnit } from './entities/org-unit.entity.js';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationService } from './organisation.service.js';
import { ReferenceCache } from './reference-cache.service.js';
import { ReplyTemplatesController } from './reply-templates.controller.js';
import { ReplyTemplatesService } from './reply-templates.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Area, OrgUnit, Category])],
  controllers: [OrganisationController, ReplyTemplatesController],
  providers: [OrganisationService, ReferenceCache, ReplyTemplatesService],
  exports: [ReferenceCache],
})
export class OrganisationModule {}
