import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QUEUE_DASHBOARD_PATH, QUEUE_SESSION_COOKIE } from '../../infrastructure/operations/queue-dashboard.js';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Public, Roles } from './auth.decorators.js';
import { AuthService, QUEUE_SESSION_SECONDS } from './auth.service.js';
import { LoginDto, TokenDto } from './dto/login.dto.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { ROLE_LABELS } from './roles.js';
import { UsersService } from './users.service.js';

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
  @ApiOperation({ summary: 'Log in with e-mail and password' })
  @ApiOkResponse({ type: TokenDto })
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Post('auth/logout-everywhere')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every session of the caller: all tokens issued so far stop working on every API copy' })
  @ApiNoContentResponse()
  async logoutEverywhere(@CurrentUser() user: AuthUser) {
    await this.users.revokeSessions(user.id, user.id);
  }

  @Get('auth/me')
  @ApiBearerAuth()
  async me(@CurrentUser() user: AuthUser) {
    return { ...user, roleLabel: ROLE_LABELS[user.role], ...(await this.users.profile(user.id)) };
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

  @Post('admin/users/:id/revoke-sessions')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({ summary: "End every session of a user: the user's tokens stop working on every API copy" })
  @ApiNoContentResponse()
  async revokeSessions(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: AuthUser) {
    await this.users.revokeSessions(id, actor.id);
  }

  /**
   * Opens the queue dashboard with the admin's own session: the page cannot send a bearer token, so
   * this sets a short-lived HttpOnly cookie that only /admin/queues receives (SameSite=Strict: no
   * other site's page can use it).
   */
  @Post('admin/queues/session')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({ summary: 'Set the queue dashboard cookie (HttpOnly, SameSite=Strict, Path=/admin/queues, 20 minutes) for the signed-in admin' })
  @ApiNoContentResponse()
  async queueSession(@CurrentUser() actor: AuthUser, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const token = await this.auth.issueQueueSession(actor.id);
    const secure = request.protocol === 'https' ? '; Secure' : '';
    void reply.header(
      'set-cookie',
      `${QUEUE_SESSION_COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=${QUEUE_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
    );
  }

  @Patch('admin/users/:id')
  @ApiBearerAuth()
  @Roles('admin')
  updateUser(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.update(id, dto, actor.id);
  }
}
