import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestId } from '../../infrastructure/http/request-id.js';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CaseActions } from './case-actions.service.js';
import { parseIfMatch } from './case-transitions.service.js';
import { CasesService } from './cases.service.js';
import { BulkMergeDto, BulkPriorityDto, DecisionDto, DirectiveDto, IssueDirectiveDto, MergeDto, QuestionDto } from './dto/case-actions.dto.js';
import { eachCase, MAX_BULK_CASES } from './bulk.js';
import { CaseQueryDto } from './dto/case-query.dto.js';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The case version from its ETag: a stale change answers 412 STALE_CASE' };

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly actions: CaseActions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cases visible to the caller, newest first, with filters and cursor pagination' })
  list(@Query() query: CaseQueryDto, @CurrentUser() user: AuthUser) {
    return this.cases.list(query, user);
  }

  @Post('bulk/merge')
  @HttpCode(200)
  @Roles('triager')
  @ApiOperation({
    summary: `Merge up to ${MAX_BULK_CASES} cases into one chosen case, each in its own transaction; 200 with what happened to each ({results:[{caseId, ok, status?, code?, message?}]})`,
  })
  bulkMerge(@Body() dto: BulkMergeDto, @CurrentUser() user: AuthUser, @Headers('accept-language') lang?: string) {
    return eachCase(
      dto.caseIds,
      async (id) => {
        await this.actions.merge(id, dto.intoCaseId, user);
        return { status: 'MERGED' };
      },
      lang,
    );
  }

  @Post('bulk/priority')
  @HttpCode(200)
  @Roles('triager')
  @ApiOperation({ summary: `Set the priority of up to ${MAX_BULK_CASES} cases not routed yet (NEW, RETURNED, NEEDS_INFO); 200 with what happened to each` })
  bulkPriority(@Body() dto: BulkPriorityDto, @CurrentUser() user: AuthUser, @Headers('accept-language') lang?: string) {
    return eachCase(dto.caseIds, async (id) => ({ status: (await this.actions.setPriority(id, dto.priority, user)).case.status }), lang);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case with its concerns, assignments and timeline; 404 when unknown or not visible. ETag = version.' })
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser, @RequestId() rid: string, @Res({ passthrough: true }) res: FastifyReply) {
    const c = await this.cases.get(id, user, rid);
    void res.header('etag', `"${c.version}"`);
    return c;
  }

  @Get(':id/similar')
  @Roles('triager', 'leader')
  @ApiOperation({ summary: 'Open cases that look like the same issue (duplicate suggestions)' })
  async similar(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    await this.cases.assertVisible(id, user);
    return this.actions.similar(id, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('triager')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Reject a case as out of scope, with a reason' })
  async reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.actions.reject(id, dto.reason, user, parseIfMatch(ifMatch), dto.attachmentIds);
    return this.cases.get(id, user, rid);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('triager')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Merge this case into another: its concerns move to the survivor' })
  async merge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: MergeDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    const result = await this.actions.merge(id, dto.intoCaseId, user, parseIfMatch(ifMatch));
    return { ...result, into: await this.cases.get(dto.intoCaseId, user, rid) };
  }

  @Post(':id/request-info')
  @HttpCode(200)
  @Roles('triager')
  @ApiOperation({ summary: 'Ask the reporting officer for more information (the case waits in NEEDS_INFO)' })
  async requestInfo(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: QuestionDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
    @Headers('if-match') ifMatch?: string,
  ) {
    await this.actions.requestInfoFromOfficer(id, dto.question, user, parseIfMatch(ifMatch));
    return this.cases.get(id, user, rid);
  }

  @Post(':id/directives')
  @HttpCode(201)
  @Roles('leader')
  @ApiOperation({ summary: 'A leader’s directive on the case; assigned agencies see it in the timeline' })
  async directive(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: IssueDirectiveDto, @CurrentUser() user: AuthUser, @RequestId() rid: string) {
    await this.actions.directive(id, dto.text, user, dto.attachmentIds);
    return this.cases.get(id, user, rid);
  }

  @Post(':id/directives/:eventId/reply')
  @HttpCode(201)
  @Roles('agency')
  @ApiOperation({ summary: 'An assigned agency answers a leader’s directive (its DIRECTIVE_ISSUED event id); the leader sees the reply in the timeline' })
  async replyToDirective(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('eventId') eventId: string,
    @Body() dto: DirectiveDto,
    @CurrentUser() user: AuthUser,
    @RequestId() rid: string,
  ) {
    await this.actions.replyToDirective(id, eventId, dto.text, user);
    return this.cases.get(id, user, rid);
  }
}
