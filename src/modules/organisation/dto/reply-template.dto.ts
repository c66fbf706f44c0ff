import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { REPLY_TEMPLATE_PURPOSES, type ReplyTemplatePurpose } from '../entities/reply-template.entity.js';

/** As long as the longest text a template fills (an answer's summary, a question: 4000). */
export const REPLY_TEMPLATE_BODY_MAX = 4000;

export class CreateReplyTemplateDto {
  @ApiPropertyOptional({ example: 'LAND', nullable: true, description: 'The category it is for; null or left out: any category' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  categoryCode?: string | null;

  @ApiProperty({ enum: REPLY_TEMPLATE_PURPOSES })
  @IsIn(REPLY_TEMPLATE_PURPOSES)
  purpose: ReplyTemplatePurpose;

  @ApiProperty({ example: 'Trả lời: đã chi trả bồi thường' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title: string;

  @ApiProperty({
    example: 'Về vụ việc {caseCode}, {agencyName} đã chỉ đạo …',
    description: 'Placeholders {caseCode}, {caseTitle}, {agencyName}, {areaName}, {today} are filled in the browser',
  })
  @IsString()
  @NotBlank()
  @MaxLength(REPLY_TEMPLATE_BODY_MAX)
  body: string;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateReplyTemplateDto {
  @ApiPropertyOptional({ example: 'LAND', nullable: true, description: 'null: any category' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  categoryCode?: string | null;

  @ApiPropertyOptional({ enum: REPLY_TEMPLATE_PURPOSES })
  @Omittable()
  @IsIn(REPLY_TEMPLATE_PURPOSES)
  purpose?: ReplyTemplatePurpose;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(REPLY_TEMPLATE_BODY_MAX)
  body?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class ReplyTemplateQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The case's category: its templates and those for any category" })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({ example: 'LAND', description: 'The same by category code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ enum: REPLY_TEMPLATE_PURPOSES })
  @IsOptional()
  @IsIn(REPLY_TEMPLATE_PURPOSES)
  purpose?: ReplyTemplatePurpose;
}

export class AdminReplyTemplateQueryDto extends ReplyTemplateQueryDto {
  @ApiPropertyOptional({ description: 'true: active ones only; false: inactive ones only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}
