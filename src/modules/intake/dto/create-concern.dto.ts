import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { type Channel, CHANNELS, LIMITS } from '../intake.types.js';

export class ReporterDto {
  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 .()-]{6,20}$/, { message: 'phone must be a phone number (digits, spaces, + . ( ) -)' })
  phone?: string;

  @ApiPropertyOptional({ example: 'hoa.nguyen@example.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class CreateConcernDto {
  @ApiProperty({ enum: CHANNELS, description: 'Kênh tiếp nhận' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'X02', description: 'Code of the area where the concern arises' })
  @IsString()
  @MaxLength(32)
  areaCode: string;

  @ApiProperty({ example: 'Chậm bồi thường giải phóng mặt bằng dự án đường tránh', maxLength: LIMITS.title })
  @IsString()
  @MinLength(3)
  @MaxLength(LIMITS.title)
  title: string;

  @ApiProperty({ maxLength: LIMITS.description })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.description)
  description: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ example: 45 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  peopleAffected?: number;

  @ApiPropertyOptional({ example: 'LAND', description: "The officer's suggestion; triage decides" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  categoryCode?: string;

  @ApiPropertyOptional({ type: ReporterDto, description: 'Personal data: never shown to agencies' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;
}

export class BatchConcernsDto {
  @ApiProperty({ type: [CreateConcernDto], maxItems: LIMITS.batch })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.batch)
  @ValidateNested({ each: true })
  @Type(() => CreateConcernDto)
  concerns: CreateConcernDto[];
}
