import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { BatchConcernsDto, CreateConcernDto } from './dto/create-concern.dto.js';
import { IntakeResult, IntakeService } from './intake.service.js';
import { LIMITS } from './intake.types.js';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

function idempotency(key: string | undefined, req: FastifyRequest) {
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw DomainError.validation([{ field: 'Idempotency-Key', message: `must be 1-${LIMITS.idempotencyKey} characters of A-Z a-z 0-9 . _ : -` }]);
  }
  return { key, request: { path: req.routeOptions.url, body: req.body } };
}

function reply<T>(res: FastifyReply, result: IntakeResult<T>): T {
  if (result.replayed) void res.header('idempotent-replayed', 'true');
  return result.body;
}

@ApiTags('intake')
@ApiBearerAuth()
@Controller('concerns')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @HttpCode(201)
  @Roles('officer', 'triager')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A re-sent form with the same key returns the first answer' })
  @ApiOperation({ summary: 'Log a concern: opens a NEW case' })
  async create(
    @Body() dto: CreateConcernDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return reply(res, await this.intake.logOne(dto, user, idempotency(key, req)));
  }

  @Post('batch')
  @HttpCode(201)
  @Roles('officer', 'triager')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: `Log up to ${LIMITS.batch} concerns at once (a voter meeting, a survey): all or nothing` })
  async batch(
    @Body() dto: BatchConcernsDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return reply(res, await this.intake.logBatch(dto.concerns, user, idempotency(key, req)));
  }
}
