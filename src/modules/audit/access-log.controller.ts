import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { AccessLogService } from './access-log.service.js';
import { AccessLogQueryDto } from './dto/access-log-query.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/access-log')
@Roles('admin')
export class AccessLogController {
  constructor(private readonly log: AccessLogService) {}

  @Get()
  @ApiOperation({ summary: 'Who read which case’s personal data, and when; newest first, cursor pagination' })
  list(@Query() q: AccessLogQueryDto) {
    return this.log.list(q);
  }
}
