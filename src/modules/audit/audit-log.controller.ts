import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { AuditService } from './audit.service.js';
import { AuditLogQueryDto } from './dto/audit-log-query.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit-log')
@Roles('admin')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The history of one record (who changed it, when, before and after); newest first, cursor pagination' })
  list(@Query() q: AuditLogQueryDto) {
    return this.audit.history(q);
  }
}
