import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';

/** Longest note: a working note, not a document (documents are attachments). */
export const NOTE_MAX_LENGTH = 4000;
export const NOTE_MAX_MENTIONS = 20;

/** One person or unit a note names: exactly one of the three (checked by the service). */
export class MentionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A user picked from a list' })
  @Omittable()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'nnmt@demo.local', description: 'A user by e-mail (@nnmt@demo.local in the text)' })
  @Omittable()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'NNMT', description: 'A unit by code: its contact addresses are told' })
  @Omittable()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'unitCode must be a unit code' })
  unitCode?: string;
}

export class CreateNoteDto {
  @ApiProperty({ example: 'Đã trao đổi với UBND xã, đề nghị @NNMT phối hợp kiểm tra hiện trường trước 10/12.', maxLength: NOTE_MAX_LENGTH })
  @IsString()
  @NotBlank()
  @MaxLength(NOTE_MAX_LENGTH)
  body: string;

  @ApiPropertyOptional({ type: [MentionDto], description: `Up to ${NOTE_MAX_MENTIONS} users or units to tell; each must be able to read the case's notes` })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(NOTE_MAX_MENTIONS)
  @ValidateNested({ each: true })
  @Type(() => MentionDto)
  mentions?: MentionDto[];
}

export class NoteQueryDto {
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
