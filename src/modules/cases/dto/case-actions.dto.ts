import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BulkCaseIdsField } from '../bulk.js';
import { PRIORITIES, type Priority } from '../case.types.js';
import { NotBlank, Omittable } from '../../../infrastructure/http/validators.js';

/** Attachment ids one action (a progress note, a resolution, a decision, a directive) may carry. */
export const MAX_LINKED_ATTACHMENTS = 10;

/**
 * `attachmentIds`: files uploaded to the case beforehand (POST /cases/:id/attachments) that this
 * action uses; the attachments module checks and links them in the action's transaction.
 */
export const AttachmentIdsField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      description: `Up to ${MAX_LINKED_ATTACHMENTS} attachments of the case, uploaded by the caller’s unit and not yet used`,
    }),
    Omittable(),
    IsArray(),
    ArrayMaxSize(MAX_LINKED_ATTACHMENTS),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );

export class ReasonDto {
  @ApiProperty({ example: 'Nội dung thuộc thẩm quyền giải quyết của Tòa án, đã hướng dẫn công dân.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(4000)
  reason: string;
}

/** A decision of the standing body with its reason (reject, reopen), and the documents that carry it. */
export class DecisionDto extends ReasonDto {
  @AttachmentIdsField()
  attachmentIds?: string[];
}

export class MergeDto {
  @ApiProperty({ description: 'The case that survives and receives the concerns' })
  @IsUUID()
  intoCaseId: string;
}

export class QuestionDto {
  @ApiProperty({ example: 'Đề nghị bổ sung số hộ bị ảnh hưởng và vị trí thửa đất.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(4000)
  question: string;
}

export class AnswerDto {
  @ApiProperty({ example: 'Có 12 hộ, thửa đất số 45, tờ bản đồ số 7.' })
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  answer: string;
}

export class DirectiveDto {
  @ApiProperty({ example: 'Đề nghị UBND tỉnh chỉ đạo Sở Nông nghiệp và Môi trường giải quyết dứt điểm trước 30/12.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(4000)
  text: string;
}

/** A leader's directive, with the documents that carry it. */
export class IssueDirectiveDto extends DirectiveDto {
  @AttachmentIdsField()
  attachmentIds?: string[];
}

/** Merge several cases into one chosen case (the survivor). */
export class BulkMergeDto {
  @BulkCaseIdsField()
  caseIds: string[];

  @ApiProperty({ description: 'The case that survives and receives the concerns' })
  @IsUUID()
  intoCaseId: string;
}

/** Set the priority of several cases still waiting on the standing body. */
export class BulkPriorityDto {
  @BulkCaseIdsField()
  caseIds: string[];

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority: Priority;
}
