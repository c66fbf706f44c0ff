import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'triage@demo.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class TokenDto {
  @ApiProperty()
  accessToken: string;
  @ApiProperty({ example: 28800 })
  expiresIn: number;
}
