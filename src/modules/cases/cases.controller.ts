import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/auth.decorators.js';
import { CasesService } from './cases.service.js';
import { CaseQueryDto } from './dto/case-query.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @ApiOperation({ summary: 'Cases visible to the caller, newest first, with filters and cursor pagination' })
  list(@Query() query: CaseQueryDto, @CurrentUser() user: AuthUser) {
    return this.cases.list(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case with its concerns, assignments and timeline; 404 when unknown or not visible' })
  get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.cases.get(id, user);
  }
}
