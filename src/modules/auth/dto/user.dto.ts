import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { type Role, ROLES } from '../roles.js';

export class CreateUserDto {
  @ApiProperty({ example: 'nnmt2@demo.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;
  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  fullName: string;
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
  @ApiPropertyOptional({ example: 'NNMT', nullable: true, description: 'Required for agency, officer and triager users' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orgUnitCode?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  fullName?: string;
  @ApiPropertyOptional({ enum: ROLES })
  @Omittable()
  @IsIn(ROLES)
  role?: Role;
  // The one field null is meant for: it takes the user out of their unit (leaders and admins need none).
  @ApiPropertyOptional({ nullable: true, description: 'null removes the unit (roles that need one refuse it)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orgUnitCode?: string | null;
  @ApiPropertyOptional({ description: 'false deactivates the user: their tokens stop working' })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
