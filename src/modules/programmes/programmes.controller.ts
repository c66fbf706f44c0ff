import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CreateAnnualPlanDto, CreateProgrammeDto, PlanParamDto, UpdateAnnualPlanDto, UpdateProgrammeDto } from './dto/programme.dto.js';
import { ProgrammesService } from './programmes.service.js';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller()
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get('programmes')
  @Roles('triager', 'leader', 'admin')
  @ApiOperation({ summary: 'Coordination programmes with their parties, categories, agreed deadlines and annual plans' })
  list() {
    return this.programmes.list();
  }

  @Post('admin/programmes')
  @Roles('admin')
  create(@Body() dto: CreateProgrammeDto, @CurrentUser() user: AuthUser) {
    return this.programmes.create(dto, user.id);
  }

  @Post('admin/programmes/:code/plans')
  @Roles('admin')
  addPlan(@Param('code') code: string, @Body() dto: CreateAnnualPlanDto, @CurrentUser() user: AuthUser) {
    return this.programmes.addPlan(code, dto, user.id);
  }

  @Patch('admin/programmes/:code')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a programme in place (titles, period, parties, categories, agreed deadlines, active); audited' })
  update(@Param('code') code: string, @Body() dto: UpdateProgrammeDto, @CurrentUser() user: AuthUser) {
    return this.programmes.update(code, dto, user.id);
  }

  @Patch('admin/programmes/:code/plans/:year')
  @Roles('admin')
  @ApiOperation({ summary: 'Change the annual plan of a year (code, signedOn, notes); audited' })
  updatePlan(@Param() p: PlanParamDto, @Body() dto: UpdateAnnualPlanDto, @CurrentUser() user: AuthUser) {
    return this.programmes.updatePlan(p.code, p.year, dto, user.id);
  }
}
