import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NotBlank } from '../../../infrastructure/http/validators.js';

/**
 * The records an admin keeps. Other audited rows (an attachment's upload names its case and file)
 * are not the admin's to read: the case visibility rule decides who sees those.
 */
export const ADMIN_RECORD_TYPES = [
  'org_unit',
  'user',
  'area',
  'category',
  'routing_rule',
  'deadline_policy',
  'calendar_day',
  'holiday_rule',
  'coordination_programme',
  'annual_plan',
  'reply_template',
];

export class AuditLogQueryDto {
  @ApiProperty({ enum: ADMIN_RECORD_TYPES, example: 'org_unit', description: 'The kind of record the admin keeps' })
  @IsString()
  @IsIn(ADMIN_RECORD_TYPES, { message: `entityType must be one of ${ADMIN_RECORD_TYPES.join(', ')}` })
  entityType: string;

  @ApiProperty({ description: 'The record’s id (a UUID, a day, a rule number), as audit_log keeps it' })
  @IsString()
  @NotBlank()
  @MaxLength(64)
  entityId: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
