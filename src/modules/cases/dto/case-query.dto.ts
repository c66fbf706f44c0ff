import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, CaseStatus, PRIORITIES, type Priority } from '../case.types.js';

export class CaseQueryDto {
  @ApiPropertyOptional({ description: 'One status or several separated by commas', example: 'NEW,RETURNED' })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayMaxSize(CASE_STATUSES.length)
  @IsIn(CASE_STATUSES, { each: true, message: `status must be among ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus[];

  @ApiPropertyOptional({ description: 'Category code', example: 'LAND' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ description: 'Area code; includes the areas below it', example: 'X02' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  area?: string;

  @ApiPropertyOptional({ description: 'Org unit code of an assigned agency', example: 'NNMT' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  agency?: string;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ description: 'Text search, with or without Vietnamese diacritics', example: 'boi thuong' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
