import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { LETTER_FORMATS, type LetterFormat } from '../letter-render.js';
import { REGISTER_FORMATS, type RegisterFormat } from '../register.service.js';

/** Whole numbers only as digits: `05`, `1e1`, `0x10` or ` 5` are not taken for a number. */
const wholeNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : value);

export class IssueLetterDto {
  @ApiPropertyOptional({ description: "The signer: a user of the issuing unit with a signing profile (the unit's default signer when left out)" })
  @Omittable()
  @IsUUID('all', { message: 'signerId must be a user id' })
  signerId?: string;

  @ApiPropertyOptional({
    example: 'Đề nghị UBND tỉnh chỉ đạo Sở Nông nghiệp và Môi trường khẩn trương kiểm tra, giải quyết dứt điểm.',
    description: 'What the letter asks, in the triager’s words (the standard sentence when left out); the deadline sentence follows it',
  })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  requestedAction?: string;
}

export class LetterContentQueryDto {
  @ApiPropertyOptional({ enum: LETTER_FORMATS, default: 'pdf' })
  @IsOptional()
  @IsIn(LETTER_FORMATS)
  format?: LetterFormat;
}

export class RegisterQueryDto {
  @ApiPropertyOptional({ description: 'Year of issue (Vietnam time); this year when left out', example: 2026 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ description: "Issuing unit's code; the caller's unit when left out", example: 'BTG' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class RegisterExportQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ example: 'BTG' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  unit?: string;

  @ApiPropertyOptional({ enum: REGISTER_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(REGISTER_FORMATS)
  format?: RegisterFormat;
}
