import { Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MULTIPART_ROUTE } from '../../infrastructure/http/multipart.js';
import { RequestId } from '../../infrastructure/http/request-id.js';
import { type AuthUser, CurrentUser, Roles } from '../auth/auth.decorators.js';
import { AttachmentsService } from './attachments.service.js';
import { UploadFormDto } from './dto/upload.dto.js';
import { AttachmentUploads } from './upload.service.js';

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987): the Vietnamese name survives, old clients get a plain one. */
export function contentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
      .replace(/[^A-Za-z0-9._ -]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const UPLOAD_HELP =
  'multipart/form-data with one part `file` (JPG, PNG, PDF, DOCX, XLSX or ODT, checked by content) and the fields `purpose` and optional `assignmentId`. ' +
  'Refused with nothing stored: 413 FILE_TOO_LARGE / CASE_ATTACHMENTS_TOO_LARGE, 415 UNSUPPORTED_FILE_TYPE, 400 UNSAFE_DOCUMENT (zip bomb, unsafe paths), 409 CASE_NOT_OPEN / TOO_MANY_ATTACHMENTS.';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly uploads: AttachmentUploads,
  ) {}

  @Post('cases/:id/attachments')
  @HttpCode(201)
  @Roles('officer', 'triager', 'agency', 'leader')
  @RouteConfig(MULTIPART_ROUTE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFormDto })
  @ApiOperation({ summary: `Attach a file to a case. ${UPLOAD_HELP}` })
  upload(@Param('id') id: string, @Req() request: FastifyRequest, @CurrentUser() user: AuthUser) {
    return this.uploads.fromRequest(request, { caseId: id }, user);
  }

  @Post('concerns/:id/attachments')
  @HttpCode(201)
  @Roles('officer', 'triager')
  @RouteConfig(MULTIPART_ROUTE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFormDto })
  @ApiOperation({ summary: `Attach a file to a concern the officer logged (purpose defaults to PETITION). ${UPLOAD_HELP}` })
  uploadToConcern(@Param('id') id: string, @Req() request: FastifyRequest, @CurrentUser() user: AuthUser) {
    return this.uploads.fromRequest(request, { concernId: id }, user);
  }

  @Get('cases/:id/attachments')
  @ApiOperation({ summary: 'The attachments of a case the caller may read; 404 when the case is unknown or not visible' })
  list(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.attachments.list(id, user);
  }

  @Get('attachments/:id')
  @ApiOperation({ summary: 'An attachment’s metadata (type from its content, size, SHA-256, who uploaded it, the event that used it)' })
  get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.attachments.get(id, user);
  }

  @Get('attachments/:id/content')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download the file (streamed; ETag = SHA-256); every download is written to the access log' })
  async content(@Param('id') id: string, @CurrentUser() user: AuthUser, @RequestId() rid: string, @Res({ passthrough: true }) res: FastifyReply) {
    const { attachment, body } = await this.attachments.open(id, user, rid);
    void res.header('etag', `"${attachment.sha256}"`);
    void res.header('x-content-type-options', 'nosniff');
    // Never rendered by the browser in the API's origin, whatever it holds.
    void res.header('content-security-policy', "default-src 'none'; sandbox");
    return new StreamableFile(body, { type: attachment.mediaType, disposition: contentDisposition(attachment.filename), length: attachment.sizeBytes });
  }
}
