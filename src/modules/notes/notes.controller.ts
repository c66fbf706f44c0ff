import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { CreateNoteDto, NoteQueryDto } from './dto/notes.dto.js';
import { NotesService } from './notes.service.js';

// No @Roles: an officer or admin asking gets 404 like for an unseen case, not a 403 that says the notes exist.
@ApiTags('notes')
@ApiBearerAuth()
@Controller('cases/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @ApiOperation({ summary: "The case's internal notes, newest first (standing body and assigned agencies only; 404 otherwise)" })
  list(@Param('id') id: string, @Query() q: NoteQueryDto, @CurrentUser() user: AuthUser) {
    return this.notes.list(id, q, user);
  }

  @Get('mentionable')
  @ApiOperation({ summary: 'The users and units a note on this case may mention (those who may read its notes)' })
  mentionable(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.notes.mentionable(id, user);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an internal note; mentioned users or units (who must be able to read the notes) are told by e-mail' })
  create(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateNoteDto, @CurrentUser() user: AuthUser) {
    return this.notes.create(id, dto, user);
  }
}
