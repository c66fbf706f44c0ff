import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { type Level, LEVELS, ORG_UNIT_KINDS, type OrgUnitKind } from '../organisation.types.js';

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/;
const CODE_MESSAGE = 'must be upper-case letters, digits, "-" or "_"';
/** A document symbol (ký hiệu) as Decree 30 writes it: capitals (Đ too) and digits, parts joined by "-", "/" or ".". */
const SYMBOL = /^[A-ZĐ0-9]+(?:[-/.][A-ZĐ0-9]+)*$/u;

export class CreateAreaDto {
  @ApiProperty({ example: 'X09' })
  @IsString()
  @MaxLength(32)
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;
  @ApiPropertyOptional({ example: 'T01', nullable: true, description: 'null: a top-level area' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  parentCode?: string | null;
  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level: Level;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  nameVi: string;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  nameEn: string;
}

export class CreateOrgUnitDto {
  @ApiProperty({ example: 'X05-UBND' })
  @IsString()
  @MaxLength(64)
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;
  @ApiPropertyOptional({ example: 'UBND', nullable: true, description: 'null: the unit has no parent' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentCode?: string | null;
  @ApiProperty({ enum: ORG_UNIT_KINDS })
  @IsIn(ORG_UNIT_KINDS)
  kind: OrgUnitKind;
  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level: Level;
  @ApiPropertyOptional({ example: 'X05', nullable: true, description: 'null: the unit serves no particular area' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  areaCode?: string | null;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(300)
  nameVi: string;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(300)
  nameEn: string;
  @ApiPropertyOptional({ type: [String], description: 'Where notices to the unit go' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], description: "The head's contacts: the first step of the escalation ladder (else `emails`)" })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  headEmails?: string[];

  // The issuing-unit profile (the letterhead of the documents it issues). null clears a field.
  @ApiPropertyOptional({ example: 'BTGDVTU-PAKN', nullable: true, description: 'Document symbol after the number: 125/BTGDVTU-PAKN' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(SYMBOL, { message: 'documentSymbol must be capitals and digits, parts joined by "-", "/" or "."' })
  documentSymbol?: string | null;

  @ApiPropertyOptional({ example: 'TỈNH ỦY LÀO CAI', nullable: true, description: 'The superior body printed above the unit in the letterhead' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(300)
  superiorBody?: string | null;

  @ApiPropertyOptional({ example: 'BAN TUYÊN GIÁO VÀ DÂN VẬN', nullable: true, description: 'The unit as the letterhead prints it (else its name)' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(300)
  letterheadName?: string | null;

  @ApiPropertyOptional({ example: 'Lào Cai', nullable: true, description: 'Place of the date line (else the area name)' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  documentPlace?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Id of the user of this unit who signs its documents by default' })
  @IsOptional()
  @IsUUID('all', { message: 'defaultSignerId must be a user id' })
  defaultSignerId?: string | null;
}

export class UpdateOrgUnitDto extends PartialType(CreateOrgUnitDto, { skipNullProperties: false }) {
  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class CreateCategoryDto {
  @ApiProperty({ example: 'LAND' })
  @IsString()
  @MaxLength(64)
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  labelVi: string;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  labelEn: string;
  @ApiPropertyOptional({ default: false })
  @Omittable()
  @IsBoolean()
  sensitive?: boolean;
}

export class UpdateCategoryDto extends PartialType(CreateCategoryDto, { skipNullProperties: false }) {
  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

export class OrgUnitQueryDto {
  @ApiPropertyOptional({ enum: ORG_UNIT_KINDS })
  @IsOptional()
  @IsIn(ORG_UNIT_KINDS)
  kind?: OrgUnitKind;
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;
}

export class AreaQueryDto {
  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS)
  level?: Level;
}
