import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import {
  AreaQueryDto,
  CreateAreaDto,
  CreateCategoryDto,
  CreateOrgUnitDto,
  OrgUnitQueryDto,
  UpdateCategoryDto,
  UpdateOrgUnitDto,
} from './dto/organisation.dto.js';
import { OrganisationService } from './organisation.service.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class OrganisationController {
  constructor(private readonly service: OrganisationService) {}

  @Get('areas')
  @ApiOperation({ summary: 'Administrative areas (province, district, commune) for pickers' })
  listAreas(@Query() q: AreaQueryDto) {
    return this.service.listAreas(q);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Categories (topics) with Vietnamese and English labels' })
  listCategories() {
    return this.service.listCategories();
  }

  @Get('org-units')
  @ApiOperation({ summary: 'Org units: the standing body and receiving agencies' })
  listOrgUnits(@Query() q: OrgUnitQueryDto) {
    return this.service.listOrgUnits(q);
  }

  @Post('admin/areas')
  @Roles('admin')
  createArea(@Body() dto: CreateAreaDto, @CurrentUser() user: AuthUser) {
    return this.service.createArea(dto, user.id);
  }

  @Post('admin/org-units')
  @Roles('admin')
  createOrgUnit(@Body() dto: CreateOrgUnitDto, @CurrentUser() user: AuthUser) {
    return this.service.createOrgUnit(dto, user.id);
  }

  @Patch('admin/org-units/:code')
  @Roles('admin')
  updateOrgUnit(@Param('code') code: string, @Body() dto: UpdateOrgUnitDto, @CurrentUser() user: AuthUser) {
    return this.service.updateOrgUnit(code, dto, user.id);
  }

  @Post('admin/categories')
  @Roles('admin')
  createCategory(@Body() dto: CreateCategoryDto, @CurrentUser() user: AuthUser) {
    return this.service.createCategory(dto, user.id);
  }

  @Patch('admin/categories/:code')
  @Roles('admin')
  updateCategory(@Param('code') code: string, @Body() dto: UpdateCategoryDto, @CurrentUser() user: AuthUser) {
    return this.service.updateCategory(code, dto, user.id);
  }
}
