import { Global, Module } from '@nestjs/common';
import { AccessLogController } from './access-log.controller.js';
import { AccessLogService } from './access-log.service.js';
import { AuditLogController } from './audit-log.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({ controllers: [AccessLogController, AuditLogController], providers: [AuditService, AccessLogService], exports: [AuditService, AccessLogService] })
export class AuditModule {}
