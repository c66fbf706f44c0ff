import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { Omittable } from '../../../infrastructure/http/validators.js';
import { PURPOSES, type Purpose } from '../attachment.types.js';

/** The text fields of an upload (multipart/form-data, beside the one `file` part). */
export class UploadFieldsDto {
  @ApiProperty({ enum: PURPOSES, description: 'What the file is for; on /concerns/:id/attachments it defaults to PETITION' })
  @IsIn(PURPOSES)
  purpose: Purpose;

  @ApiPropertyOptional({ format: 'uuid', description: 'An agency: which of its open assignments on the case the file belongs to (default: the latest)' })
  @Omittable()
  @IsUUID()
  assignmentId?: string;
}

/** The form as OpenAPI shows it. */
export class UploadFormDto extends UploadFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'JPG, PNG, PDF, DOCX, XLSX or ODT (by content), at most ATTACHMENT_MAX_BYTES' })
  file: unknown;
}
