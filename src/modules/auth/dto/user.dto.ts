import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT } from '../password-policy.js';
import { type Role, ROLES } from '../roles.js';

export class CreateUserDto {
  @ApiProperty({ example: 'nnmt2@demo.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;
  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not the e-mail, not a common or easily guessed password' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_TOO_SHORT })
  @MaxLength(200)
  password: string;
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(1)
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
  @ApiPropertyOptional({ minLength: 12, description: "A new password (same policy); ends the user's sessions" })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_TOO_SHORT })
  @MaxLength(200)
  password?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName?: string;
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orgUnitCode?: string | null;
  @ApiPropertyOptional({ description: 'false deactivates the user: their tokens stop working' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
