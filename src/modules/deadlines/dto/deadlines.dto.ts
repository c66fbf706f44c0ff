import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { PRIORITIES, type Priority } from '../../cases/case.types.js';

export class ExtensionRequestDto {
  @ApiProperty({ example: 10, description: 'Working days asked for' })
  @IsNumber()
  @Min(0.0001)
  @Max(365)
  days: number;

  @ApiProperty({ example: 'Cần thêm thời gian đo đạc lại diện tích đất của 35 hộ.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(4000)
  reason: string;
}

export class ExtensionDecisionDto {
  @ApiPropertyOptional({ example: 'Đồng ý gia hạn, đề nghị báo cáo tiến độ hằng tuần.' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  note?: string;
}

export class ExtensionQueryDto {
  @ApiPropertyOptional({ enum: ['PENDING', 'GRANTED', 'DENIED'] })
  @IsOptional()
  @IsIn(['PENDING', 'GRANTED', 'DENIED'])
  status?: 'PENDING' | 'GRANTED' | 'DENIED';
}

export class CreateDeadlinePolicyDto {
  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority: Priority;

  @ApiPropertyOptional({ example: 'LAND' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  categoryCode?: string;

  @ApiPropertyOptional({ example: '01-CTrPH/BTGTU-UBND' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  programmeCode?: string;

  @ApiProperty({ example: 3, description: 'Working days to acknowledge (fractions allowed)' })
  @IsNumber()
  @Min(0.00001)
  @Max(365)
  acknowledgeDays: number;

  @ApiProperty({ example: 30, description: 'Working days to resolve' })
  @IsNumber()
  @Min(0.00001)
  @Max(3650)
  resolveDays: number;

  @ApiPropertyOptional({ example: [0.5, 0.8], description: 'Reminders at these fractions of the time to resolve' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(5)
  @IsNumber({}, { each: true })
  @Min(0.01, { each: true })
  @Max(0.99, { each: true })
  reminderFractions?: number[];

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  remindDayBefore?: boolean;

  @ApiPropertyOptional({ example: 2, description: 'Working days between escalation levels' })
  @Omittable()
  @IsNumber()
  @Min(0.00001)
  @Max(365)
  escalationStepDays?: number;

  @ApiPropertyOptional({ example: 1, default: 1, description: 'Working days for the standing body to triage a NEW case, from receipt' })
  @Omittable()
  @IsNumber()
  @Min(0.00001)
  @Max(365)
  triageDays?: number;

  @ApiPropertyOptional({ example: 3, default: 3, description: 'Working days for the standing body to verify an answer (RESOLVED to CLOSED or REOPENED)' })
  @Omittable()
  @IsNumber()
  @Min(0.00001)
  @Max(365)
  verifyDays?: number;

  @ApiPropertyOptional({ example: 2, default: 2, description: 'Working days for an agency to reply to a leader’s directive' })
  @Omittable()
  @IsNumber()
  @Min(0.00001)
  @Max(365)
  directiveReplyDays?: number;

  @ApiPropertyOptional({ default: false, description: 'Whether the clock to resolve stops while an extension request waits for a decision' })
  @Omittable()
  @IsBoolean()
  pauseOnExtension?: boolean;
}

/** Any field of a policy may change; categoryCode or programmeCode null widens it to every category or programme. */
export class UpdateDeadlinePolicyDto extends PartialType(OmitType(CreateDeadlinePolicyDto, ['categoryCode', 'programmeCode'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ example: 'LAND', nullable: true })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  categoryCode?: string | null;

  @ApiPropertyOptional({ example: '01-CTrPH/BTGTU-UBND', nullable: true })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  programmeCode?: string | null;
}
