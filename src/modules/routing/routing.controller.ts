import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestId } from '../../infrastructure/http/request-id.js';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { AnswerDto, DecisionDto, ReasonDto } from '../cases/dto/case-actions.dto.js';
import { parseIfMatch } from '../cases/case-transitions.service.js';
import { CasesService } from '../cases/cases.service.js';
import { AssignmentsService } from './assignments.service.js';
import { eachCase, MAX_BULK_CASES } from '../cases/bulk.js';
import {
  AcceptDelegateAnswerDto,
  AssignmentQueryDto,
  BulkTriageDto,
  CreateRoutingRuleDto,
  DelegateDto,
  NoteDto,
  ProgressDto,
  ResolveDto,
  ReturnToDelegateDto,
  TriageDto,
  UpdateRoutingRuleDto,
} from './dto/routing.dto.js';
import { QuestionDto } from '../cases/dto/case-actions.dto.js';
import { RoutingRulesService } from './routing-rules.service.js';
import { TriageService } from './triage.service.js';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The case version from its ETag: a stale change answers 412 STALE_CASE' };

/** The triage desk's routing and verification of a case. */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('cases')
export class TriageController {
  constructor(
    private readonly triage: TriageService,
    private readonly cases: CasesService,
  ) {}

  @Post(':id/triage')
  @HttpCode(200)
  @Roles('triager')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Classify the case and route it to a lead agency (and supporting ones): it becomes ASSIGNED' })
  async route(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: TriageDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.triage.triage(id, dto, user, parseIfMatch(ifMatch));
    return this.cases.get(id, user, rid);
  }

  @Post('bulk/triage')
  @HttpCode(200)
  @Roles('triager')
  @ApiOperation({
    summary: `Route up to ${MAX_BULK_CASES} cases to the same agencies, each in its own transaction with its own letter; 200 with what happened to each ({results:[{caseId, ok, status?, code?, message?}]})`,
  })
  bulkTriage(@Body() dto: BulkTriageDto, @CurrentUser() user: AuthUser, @Headers('accept-language') lang?: string) {
    return eachCase(
      dto.caseIds,
      async (id) => {
        await this.triage.triageWithDefaults(id, dto, user);
        return { status: 'ASSIGNED' };
      },
      lang,
    );
  }

  @Get(':id/suggested-agencies')
  @Roles('triager', 'leader')
  @ApiOperation({ summary: 'Agencies the routing rules suggest for this case, best first' })
  async suggested(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    await this.cases.assertVisible(id, user);
    return { items: await this.triage.suggestedAgencies(id) };
  }

  @Post(':id/provide-info')
  @HttpCode(200)
  @Roles('triager', 'officer')
  @ApiOperation({
    summary:
      'Answer a request for information; the case resumes where it was. Only the addressee answers: the standing body what an agency asked, the officer what the standing body asked them (otherwise 403 NOT_ADDRESSEE).',
  })
  async provideInfo(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AnswerDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.triage.provideInfo(id, dto.answer, user, parseIfMatch(ifMatch));
    return this.cases.get(id, user, rid);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('triager')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Accept the agencies’ resolution and close the case' })
  async close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: NoteDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.triage.close(id, dto.note, user, parseIfMatch(ifMatch), dto.attachmentIds);
    return this.cases.get(id, user, rid);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('triager')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Do not accept the resolution (or the issue came back): back to the agencies' })
  async reopen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.triage.reopen(id, dto.reason, user, parseIfMatch(ifMatch), dto.attachmentIds);
    return this.cases.get(id, user, rid);
  }
}

/** The agency inbox: assignments of the caller's unit, and what an agency does with them. */
@ApiTags('agency inbox')
@ApiBearerAuth()
@Controller('assignments')
@Roles('agency')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @ApiOperation({ summary: 'My unit’s assignments, most urgent first by default: filters, sorts, pages, the exact total and counters' })
  inbox(@Query() q: AssignmentQueryDto, @CurrentUser() user: AuthUser) {
    return this.assignments.inbox(user, q);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser, @Headers('if-match') ifMatch?: string) {
    return this.assignments.acknowledge(id, user, parseIfMatch(ifMatch));
  }

  @Post(':id/progress')
  @HttpCode(200)
  progress(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ProgressDto, @CurrentUser() user: AuthUser, @Headers('if-match') ifMatch?: string) {
    return this.assignments.progress(id, dto.note, user, dto.attachmentIds, parseIfMatch(ifMatch));
  }

  @Post(':id/request-info')
  @HttpCode(200)
  requestInfo(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: QuestionDto, @CurrentUser() user: AuthUser, @Headers('if-match') ifMatch?: string) {
    return this.assignments.requestInfo(id, dto.question, user, parseIfMatch(ifMatch));
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Misrouted: return the case with a reason' })
  returnToSender(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReasonDto, @CurrentUser() user: AuthUser, @Headers('if-match') ifMatch?: string) {
    return this.assignments.returnToSender(id, dto.reason, user, parseIfMatch(ifMatch));
  }

  @Post(':id/delegate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delegate to a unit below (a department, a commune People’s Committee)' })
  delegate(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DelegateDto, @CurrentUser() user: AuthUser, @Headers('if-match') ifMatch?: string) {
    return this.assignments.delegate(id, dto.toOrgUnitCode, dto.note, user, parseIfMatch(ifMatch));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Report the resolution with the official document reference; RESOLVED and PARTIALLY_RESOLVED also need the signed document (documentRef.attachmentId, uploaded first)',
  })
  resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResolveDto, @CurrentUser() user: AuthUser, @Headers('if-match') ifMatch?: string) {
    return this.assignments.resolve(id, dto, user, parseIfMatch(ifMatch));
  }

  @Post(':id/accept-delegate-answer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Every delegate answered (DELEGATE_ANSWERED): take a delegate’s answer as this unit’s own; the document stays the delegate’s. To answer differently, resolve instead.',
  })
  acceptDelegateAnswer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AcceptDelegateAnswerDto,
    @CurrentUser() user: AuthUser,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.assignments.acceptDelegateAnswer(id, dto, user, parseIfMatch(ifMatch));
  }

  @Post(':id/return-to-delegate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Every delegate answered (DELEGATE_ANSWERED): send a delegate’s answer back with a reason; the delegate works on it again' })
  returnToDelegate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReturnToDelegateDto,
    @CurrentUser() user: AuthUser,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.assignments.returnToDelegate(id, dto, user, parseIfMatch(ifMatch));
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/routing-rules')
@Roles('admin')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRulesService) {}

  @Get()
  list() {
    return this.rules.list();
  }

  @Post()
  create(@Body() dto: CreateRoutingRuleDto, @CurrentUser() user: AuthUser) {
    return this.rules.create(dto, user.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a rule in place (category, level, unit, role, rank, programme); audited with before and after' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateRoutingRuleDto, @CurrentUser() user: AuthUser) {
    return this.rules.update(id, dto, user.id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.rules.remove(id, user.id);
  }
}
