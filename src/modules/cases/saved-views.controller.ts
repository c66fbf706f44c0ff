import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { SavedViewDto, SavedViewQueryDto } from './dto/saved-view.dto.js';
import { SavedViewsService } from './saved-views.service.js';

/** The caller's own saved views of the list pages. */
@ApiTags('saved views')
@ApiBearerAuth()
@Controller('me/saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @ApiOperation({ summary: 'My saved views (of one page with ?page=)' })
  async list(@Query() q: SavedViewQueryDto, @CurrentUser() user: AuthUser) {
    return { items: await this.views.list(user, q.page) };
  }

  @Post()
  @ApiOperation({ summary: 'Save a view: 201 when new, 200 when it replaced my view of the same page and name' })
  async save(@Body() dto: SavedViewDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: FastifyReply) {
    const { view, created } = await this.views.save(user, dto);
    void res.status(created ? 201 : 200);
    return view;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my saved views; 404 when it is not mine' })
  remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthUser) {
    return this.views.remove(user, id);
  }
}
