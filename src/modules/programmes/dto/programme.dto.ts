import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { IsDay, NotBlank, Omittable } from '../../../infrastructure/http/validators.js';

export class CreateProgrammeDto {
  @ApiProperty({ example: '01-CTrPH/BTGTU-UBND' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(64)
  code: string;
  @ApiProperty({ example: 'Chương trình phối hợp thực hiện Quy chế 238 giai đoạn 2021–2025' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(500)
  titleVi: string;
  @ApiProperty()
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(500)
  titleEn: string;
  @ApiProperty({ example: '2021-03-25' })
  @IsDay()
  periodStart: string;
  @ApiProperty({ example: '2025-12-31' })
  @IsDay()
  periodEnd: string;
  @ApiProperty({ example: ['UBND'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(64, { each: true })
  partyCodes: string[];
  @ApiPropertyOptional({ example: ['LAND', 'ENVIRONMENT'], type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(64, { each: true })
  categoryCodes?: string[];
  @ApiPropertyOptional({ example: 3 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(365)
  acknowledgeDays?: number;
  @ApiPropertyOptional({ example: 30 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(3650)
  resolveDays?: number;
}

export class CreateAnnualPlanDto {
  @ApiProperty({ example: '84-KH/HĐND-BTGTU' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(64)
  code: string;
  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
  @ApiPropertyOptional({ example: '2023-02-28' })
  @Omittable()
  @IsDay()
  signedOn?: string;
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  notes?: string;
}

/** The code is the programme's key (routes and policies name it) and stays; null clears the agreed deadlines. */
export class UpdateProgrammeDto extends PartialType(OmitType(CreateProgrammeDto, ['code', 'acknowledgeDays', 'resolveDays'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ example: 3, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  acknowledgeDays?: number | null;
  @ApiPropertyOptional({ example: 30, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  resolveDays?: number | null;
  @ApiPropertyOptional({ description: 'false: the programme has ended or is suspended' })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}

/** A plan is found by its year; null clears signedOn or notes. */
export class UpdateAnnualPlanDto {
  @ApiPropertyOptional({ example: '84-KH/HĐND-BTGTU' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(64)
  code?: string;
  @ApiPropertyOptional({ example: '2023-02-28', nullable: true })
  @IsOptional()
  @IsDay()
  signedOn?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  notes?: string | null;
}

export class PlanParamDto {
  @ApiProperty({ example: '01-CTrPH/BTGTU-UBND' })
  @IsString()
  @MaxLength(64)
  code: string;
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}
