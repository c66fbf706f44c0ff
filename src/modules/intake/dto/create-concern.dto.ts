import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsObject,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsPlainObject, IsTimestamp, NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { type Channel, CHANNELS, LIMITS } from '../intake.types.js';

export class ReporterDto {
  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @Omittable()
  @IsString()
  @NotBlank()
  @Matches(/^\+?[0-9 .()-]{6,20}$/, { message: 'phone must be a phone number (digits, spaces, + . ( ) -)' })
  phone?: string;

  @ApiPropertyOptional({ example: 'hoa.nguyen@example.vn' })
  @Omittable()
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
  @NotBlank()
  @MaxLength(32)
  areaCode: string;

  @ApiProperty({ example: 'Chậm bồi thường giải phóng mặt bằng dự án đường tránh', maxLength: LIMITS.title })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(LIMITS.title)
  title: string;

  @ApiProperty({ maxLength: LIMITS.description })
  @IsString()
  @NotBlank()
  @MaxLength(LIMITS.description)
  description: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:00:00+07:00' })
  @Omittable()
  @IsTimestamp()
  occurredAt?: string;

  @ApiPropertyOptional({ example: 45 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  peopleAffected?: number;

  @ApiPropertyOptional({ example: 'LAND', description: "The officer's suggestion; triage decides" })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  categoryCode?: string;

  @ApiPropertyOptional({ type: ReporterDto, description: 'Personal data: never shown to agencies' })
  @Omittable()
  @IsPlainObject()
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;
}

export class BatchConcernsDto {
  @ApiProperty({ type: [CreateConcernDto], maxItems: LIMITS.batch })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.batch)
  @IsObject({ each: true, message: 'each of concerns must be an object' })
  @ValidateNested({ each: true })
  @Type(() => CreateConcernDto)
  concerns: CreateConcernDto[];
}
