import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CommaList, PageField, PageSizeField } from '../../cases/dto/case-query.dto.js';
import { IsDay, IsPlainObject, NotBlank, Omittable } from '../../../infrastructure/http/validators.js';
import { AttachmentIdsField } from '../../cases/dto/case-actions.dto.js';
import { BulkCaseIdsField } from '../../cases/bulk.js';
import { PRIORITIES, type Priority, SENSITIVITIES, type Sensitivity } from '../../cases/case.types.js';
import { LEVELS, type Level } from '../../organisation/organisation.types.js';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  type AssignmentRole,
  type AssignmentStatus,
  OUTCOMES,
  type Outcome,
} from '../../cases/entities/assignment.entity.js';

export class TriageDto {
  @ApiProperty({ example: 'LAND' })
  @IsString()
  @NotBlank()
  @MaxLength(64)
  categoryCode: string;

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority: Priority;

  @ApiProperty({ enum: SENSITIVITIES })
  @IsIn(SENSITIVITIES)
  sensitivity: Sensitivity;

  @ApiPropertyOptional({ example: 'Chậm chi trả bồi thường dự án đường trục phía Nam, 35 hộ.' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  summary?: string;

  @ApiProperty({ example: 'NNMT', description: 'Org unit code or id of the lead agency' })
  @IsString()
  @NotBlank()
  @MaxLength(64)
  leadAgency: string;

  @ApiPropertyOptional({ example: ['X02-UBND'], type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(64, { each: true })
  supportingAgencies?: string[];

  @ApiPropertyOptional({
    description: "Who signs the forwarding letter: a user of the standing body with a signing profile (the unit's default signer when left out)",
  })
  @Omittable()
  @IsUUID('all', { message: 'signerId must be a user id' })
  signerId?: string;
}

/** The standing body's verification note (close), and the documents that carry it. */
export class NoteDto {
  @ApiPropertyOptional({ example: 'Đã kiểm tra hiện trường, đang xác minh nguồn gốc đất.' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  note?: string;

  @AttachmentIdsField()
  attachmentIds?: string[];
}

export class ProgressDto {
  @ApiProperty({ example: 'Đã làm việc với chủ đầu tư, dự kiến chi trả trong tháng 12.' })
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  note: string;

  @AttachmentIdsField()
  attachmentIds?: string[];
}

export class DelegateDto {
  @ApiProperty({ example: 'X02-UBND', description: 'A unit under the assigned one' })
  @IsString()
  @NotBlank()
  @MaxLength(64)
  toOrgUnitCode: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  note?: string;
}

export class DocumentRefDto {
  @ApiProperty({ example: '125/UBND-TNMT' })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsDay()
  date: string;

  @ApiProperty({ example: 'UBND tỉnh' })
  @IsString()
  @NotBlank()
  @MaxLength(300)
  issuer: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The signed document: an ANSWER_DOCUMENT attachment of the case uploaded by your unit; required with outcome RESOLVED or PARTIALLY_RESOLVED',
  })
  @Omittable()
  @IsUUID()
  attachmentId?: string;
}

export class ResolveDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiProperty({ example: 'Đã chi trả đủ tiền bồi thường cho 35 hộ.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(8000)
  summary: string;

  // The official document is what makes an assignment RESOLVED: required, one object, never [] or null.
  @ApiProperty({ type: DocumentRefDto })
  @IsPlainObject()
  @ValidateNested()
  @Type(() => DocumentRefDto)
  documentRef: DocumentRefDto;

  @AttachmentIdsField()
  attachmentIds?: string[];
}

/** Orders of the agency inbox: most urgent (priority, then oldest), oldest, newest, the deadline that matters now, priority, people affected. */
export const ASSIGNMENT_SORTS = ['urgent', 'oldest', 'newest', 'deadline', 'priority', 'affected'] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

export class AssignmentQueryDto {
  @ApiPropertyOptional({ description: 'true (default): only work still to do' })
  @Omittable()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the assignments of this case' })
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a case id' })
  caseId?: string;

  @ApiPropertyOptional({ description: 'Assignment statuses, separated by commas', example: 'ASSIGNED,ACKNOWLEDGED' })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(ASSIGNMENT_STATUSES.length)
  @IsIn(ASSIGNMENT_STATUSES, { each: true, message: `status must be among ${ASSIGNMENT_STATUSES.join(', ')}` })
  status?: AssignmentStatus[];

  @ApiPropertyOptional({ description: 'Priorities, separated by commas', example: 'URGENT,HIGH' })
  @IsOptional()
  @CommaList()
  @ArrayMaxSize(PRIORITIES.length)
  @IsIn(PRIORITIES, { each: true, message: `priority must be among ${PRIORITIES.join(', ')}` })
  priority?: Priority[];

  @ApiPropertyOptional({ description: 'Category code', example: 'LAND' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ description: 'Area code; includes the areas below it', example: 'X02' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  area?: string;

  @ApiPropertyOptional({ enum: ['true'], description: 'Open work past its answer deadline' })
  @IsOptional()
  @IsIn(['true'])
  overdue?: 'true';

  @ApiPropertyOptional({ description: 'Case code (exact) or words of the case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_SORTS, default: 'urgent' })
  @IsOptional()
  @IsIn(ASSIGNMENT_SORTS)
  sort?: AssignmentSort;

  @PageField()
  page?: number;

  @PageSizeField(50)
  pageSize?: number;
}

export class CreateRoutingRuleDto {
  @ApiProperty({ example: 'LAND' })
  @IsString()
  @NotBlank()
  @MaxLength(64)
  categoryCode: string;

  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level: Level;

  @ApiProperty({ example: 'NNMT' })
  @IsString()
  @NotBlank()
  @MaxLength(64)
  orgUnitCode: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_ROLES, default: 'LEAD' })
  @Omittable()
  @IsIn(ASSIGNMENT_ROLES)
  role?: AssignmentRole;

  @ApiPropertyOptional({ default: 0 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(1000)
  rank?: number;

  @ApiPropertyOptional({ example: '01-CTrPH/BTGTU-UBND' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  programmeCode?: string;
}

/** The delegating unit accepts a delegate's answer as its own. */
export class AcceptDelegateAnswerDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The delegate’s assignment whose answer is accepted; needed only when several delegates answered' })
  @Omittable()
  @IsUUID('all', { message: 'delegateAssignmentId must be an assignment id' })
  delegateAssignmentId?: string;

  @ApiPropertyOptional({ example: 'Thống nhất với kết quả giải quyết của UBND xã.' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(4000)
  note?: string;
}

/** The delegating unit sends a delegate's answer back, with the reason. */
export class ReturnToDelegateDto {
  @ApiProperty({ example: 'Chưa kèm biên bản làm việc với các hộ dân; đề nghị bổ sung.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(4000)
  reason: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The delegate’s assignment whose answer is sent back; needed only when several delegates answered' })
  @Omittable()
  @IsUUID('all', { message: 'delegateAssignmentId must be an assignment id' })
  delegateAssignmentId?: string;
}

/** Every field of a rule may change; programmeCode null takes the rule out of its programme. */
export class UpdateRoutingRuleDto extends PartialType(OmitType(CreateRoutingRuleDto, ['programmeCode'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ example: '01-CTrPH/BTGTU-UBND', nullable: true, description: 'null: the rule applies outside any programme' })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  programmeCode?: string | null;
}

/**
 * Route several cases to the same agencies. The classification fields left out keep each case's
 * own (its category from intake, its priority and sensitivity); a case without a category then fails.
 * The agencies and the signer are the single triage's own fields, checked the same way.
 */
export class BulkTriageDto extends PickType(TriageDto, ['leadAgency', 'supportingAgencies', 'signerId'] as const) {
  @BulkCaseIdsField()
  caseIds: string[];

  @ApiPropertyOptional({ example: 'LAND', description: 'Each case keeps its own category when left out' })
  @Omittable()
  @IsString()
  @NotBlank()
  @MaxLength(64)
  categoryCode?: string;

  @ApiPropertyOptional({ enum: PRIORITIES, description: 'Each case keeps its own priority when left out' })
  @Omittable()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: SENSITIVITIES, description: 'Each case keeps its own sensitivity when left out' })
  @Omittable()
  @IsIn(SENSITIVITIES)
  sensitivity?: Sensitivity;
}
