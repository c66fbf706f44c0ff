import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogService } from '../audit/access-log.service.js';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { CasesService } from '../cases/cases.service.js';
import { IssueLetterDto, LetterContentQueryDto, RegisterExportQueryDto, RegisterQueryDto } from './dto/letters.dto.js';
import { LettersService } from './letters.service.js';
import { RegisterService } from './register.service.js';

/** The forwarding letters of a case: issue one on demand, list them. */
@ApiTags('letters')
@ApiBearerAuth()
@Controller('cases')
export class CaseLettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly register: RegisterService,
    private readonly cases: CasesService,
  ) {}

  @Post(':id/letters')
  @HttpCode(201)
  @Roles('triager')
  @ApiOperation({
    summary:
      'Issue a new forwarding letter to the agencies still working on the case (a reminder, after a re-route): the next number of the register; 409 NO_LIVE_ASSIGNMENTS when none is',
  })
  issue(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: IssueLetterDto, @CurrentUser() user: AuthUser) {
    return this.letters.issueOnDemand(id, dto, user);
  }

  @Get(':id/letters')
  @ApiOperation({ summary: 'The forwarding letters of the case, oldest first (404 when the case is hidden)' })
  async list(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    await this.cases.assertVisible(id, user);
    return { items: await this.register.ofCase(id) };
  }
}

/** A letter's files, and the register of outgoing documents. */
@ApiTags('letters')
@ApiBearerAuth()
@Controller('letters')
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly register: RegisterService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get('register')
  @Roles('triager', 'leader')
  @ApiOperation({
    summary:
      'The register of outgoing documents of an issuing unit (the caller’s by default) for a year, by number; a row whose case the caller may not see keeps its number but not its subject or case',
  })
  list(@Query() q: RegisterQueryDto, @CurrentUser() user: AuthUser) {
    return this.register.list(q, user);
  }

  @Get('register/export')
  @Roles('triager', 'leader')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOperation({ summary: 'Every row of the register’s year as XLSX or CSV (redacted as the listing); logged as an export of the cases it names' })
  async export(@Query() q: RegisterExportQueryDto, @CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const file = await this.register.export({ year: q.year, unit: q.unit, format: q.format ?? 'xlsx' }, user);
    // A file leaves the system with these cases' words in it: written down before it is handed over.
    await this.accessLog.record(
      [...new Set(file.cases)].map((caseId) => ({ userId: user.id, role: user.role, caseId, action: 'EXPORT' as const, requestId: String(req.id) })),
    );
    void res.header('content-type', file.contentType);
    void res.header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.content;
  }

  @Get(':id/content')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf')
  @ApiOperation({ summary: 'The letter as DOCX or PDF, rendered from its register row (the same bytes every time); 404 when its case is hidden' })
  async content(
    @Param('id') id: string,
    @Query() q: LetterContentQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const file = await this.letters.download(id, q.format ?? 'pdf', user, String(req.id));
    void res.header('content-type', file.contentType);
    void res.header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.content;
  }
}
