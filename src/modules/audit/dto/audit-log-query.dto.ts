import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NotBlank } from '../../../infrastructure/http/validators.js';

export class AuditLogQueryDto {
  @ApiProperty({ example: 'org_unit', description: 'The kind of record: org_unit, user, category, routing_rule, deadline_policy, calendar_day, holiday_rule…' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z][a-z_]*$/, { message: 'entityType must be lower-case letters and "_"' })
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
