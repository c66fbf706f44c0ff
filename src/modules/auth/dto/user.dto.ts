import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
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

  // The signing profile: printed in the signing block of the documents the user signs. null clears it.
  @ApiPropertyOptional({ example: 'Phó Trưởng ban', nullable: true, description: 'Title printed under the signature' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  jobTitle?: string | null;
  @ApiPropertyOptional({ example: 'KT. TRƯỞNG BAN', nullable: true, description: 'Authority line above the title (TM. …, KT. …); null: signs in own right' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  signingAuthority?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: 12, description: "A new password (same policy); ends the user's sessions" })
  @Omittable()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_TOO_SHORT })
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

  // The signing profile: printed in the signing block of the documents the user signs. null clears it.
  @ApiPropertyOptional({ example: 'Phó Trưởng ban', nullable: true, description: 'Title printed under the signature' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  jobTitle?: string | null;
  @ApiPropertyOptional({ example: 'KT. TRƯỞNG BAN', nullable: true, description: 'Authority line above the title (TM. …, KT. …); null: signs in own right' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  signingAuthority?: string | null;
}
