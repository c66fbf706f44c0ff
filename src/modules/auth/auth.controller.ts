import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser, CurrentUser, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto, TokenDto } from './dto/login.dto';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { ROLE_LABELS } from './roles';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  // Per client address, on top of the per-account lock in AuthService.
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @ApiOperation({ summary: 'Log in with e-mail and password' })
  @ApiOkResponse({ type: TokenDto })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.email, dto.password);
  }

  @Get('auth/me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthUser) {
    return { ...user, roleLabel: ROLE_LABELS[user.role] };
  }

  @Get('admin/users')
  @ApiBearerAuth()
  @Roles('admin')
  listUsers() {
    return this.users.list();
  }

  @Post('admin/users')
  @ApiBearerAuth()
  @Roles('admin')
  createUser(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.create(dto, actor.id);
  }

  @Patch('admin/users/:id')
  @ApiBearerAuth()
  @Roles('admin')
  updateUser(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.update(id, dto, actor.id);
  }
}
