import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { type Level, LEVELS, ORG_UNIT_KINDS, type OrgUnitKind } from '../organisation.types.js';

const CODE = /^[A-Z0-9][A-Z0-9_-]*$/;
const CODE_MESSAGE = 'must be upper-case letters, digits, "-" or "_"';

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
