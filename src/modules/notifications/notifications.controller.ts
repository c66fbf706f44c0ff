import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators.js';
import { NOTIFICATION_STATUSES, type NotificationStatus } from './entities/notification.entity.js';
import { NotificationsService } from './notifications.service.js';

export class NotificationQueryDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, description: 'Upper or lower case', example: 'failed' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsIn(NOTIFICATION_STATUSES, { message: `status must be one of ${NOTIFICATION_STATUSES.map((s) => s.toLowerCase()).join(', ')}` })
  status?: NotificationStatus;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** The operator's view of e-mail delivery: what failed, and sending it again. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'E-mail notices, newest first, optionally by status (queued, sending, sent, failed)' })
  list(@Query() q: NotificationQueryDto) {
    return this.notifications.list(q.status, q.limit);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Queue a FAILED notice again, due now with a fresh retry window (409 when it has not failed)' })
  retry(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.notifications.retry(id);
  }
}
