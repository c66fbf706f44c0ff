import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { AdminReplyTemplateQueryDto, CreateReplyTemplateDto, ReplyTemplateQueryDto, UpdateReplyTemplateDto } from './dto/reply-template.dto.js';
import { ReplyTemplatesService } from './reply-templates.service.js';

@ApiTags('reply templates')
@ApiBearerAuth()
@Controller()
export class ReplyTemplatesController {
  constructor(private readonly templates: ReplyTemplatesService) {}

  @Get('reply-templates')
  @Roles('triager', 'agency', 'leader')
  @ApiOperation({ summary: "Active reply templates for a purpose: the category's own first, then those for any category" })
  forUse(@Query() q: ReplyTemplateQueryDto) {
    return this.templates.forUse(q);
  }

  @Get('admin/reply-templates')
  @Roles('admin')
  @ApiOperation({ summary: 'Every reply template, active or not' })
  list(@Query() q: AdminReplyTemplateQueryDto) {
    return this.templates.list(q);
  }

  @Post('admin/reply-templates')
  @Roles('admin')
  @ApiOperation({ summary: 'A new reply template (audited)' })
  create(@Body() dto: CreateReplyTemplateDto, @CurrentUser() user: AuthUser) {
    return this.templates.create(dto, user.id);
  }

  @Patch('admin/reply-templates/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change or deactivate a reply template (audited)' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateReplyTemplateDto, @CurrentUser() user: AuthUser) {
    return this.templates.update(id, dto, user.id);
  }
}
