import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CreateDeadlinePolicyDto, ExtensionDecisionDto, ExtensionQueryDto, ExtensionRequestDto, UpdateDeadlinePolicyDto } from './dto/deadlines.dto.js';
import { ClockKeeper } from './clock-keeper.service.js';
import { ExtensionsService } from './extensions.service.js';
import { PoliciesService } from './policies.service.js';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller()
export class DeadlinesController {
  constructor(
    private readonly extensions: ExtensionsService,
    private readonly policies: PoliciesService,
    private readonly clocks: ClockKeeper,
  ) {}

  @Post('admin/deadlines/recompute')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Recompute every open case’s clocks from its timeline (after a calendar or policy change); reminders and deadline jobs follow',
  })
  recompute() {
    return this.clocks.recomputeAll();
  }

  @Post('assignments/:id/extensions')
  @Roles('agency')
  @ApiOperation({ summary: 'Ask for more time on an assignment, with a reason' })
  requestExtension(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ExtensionRequestDto, @CurrentUser() user: AuthUser) {
    return this.extensions.request(id, dto.days, dto.reason, user);
  }

  @Get('extensions')
  @Roles('triager', 'leader')
  listExtensions(@Query() q: ExtensionQueryDto, @CurrentUser() user: AuthUser) {
    return this.extensions.list(user, q.status);
  }

  @Post('extensions/:id/grant')
  @HttpCode(200)
  @Roles('triager')
  @ApiOperation({ summary: 'Grant: the deadline to resolve moves by the days asked' })
  grant(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ExtensionDecisionDto, @CurrentUser() user: AuthUser) {
    return this.extensions.decide(id, true, dto.note, user);
  }

  @Post('extensions/:id/deny')
  @HttpCode(200)
  @Roles('triager')
  deny(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ExtensionDecisionDto, @CurrentUser() user: AuthUser) {
    return this.extensions.decide(id, false, dto.note, user);
  }

  @Get('admin/deadline-policies')
  @Roles('admin', 'triager', 'leader')
  listPolicies() {
    return this.policies.list();
  }

  @Post('admin/deadline-policies')
  @Roles('admin')
  createPolicy(@Body() dto: CreateDeadlinePolicyDto, @CurrentUser() user: AuthUser) {
    return this.policies.create(dto, user.id);
  }

  @Patch('admin/deadline-policies/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a policy in place; open cases follow after POST /admin/deadlines/recompute' })
  updatePolicy(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateDeadlinePolicyDto, @CurrentUser() user: AuthUser) {
    return this.policies.update(id, dto, user.id);
  }

  @Delete('admin/deadline-policies/:id')
  @HttpCode(204)
  @Roles('admin')
  removePolicy(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.policies.remove(id, user.id);
  }
}
