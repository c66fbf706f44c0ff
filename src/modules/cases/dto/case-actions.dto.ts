import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotBlank } from '../../../infrastructure/http/validators.js';

export class ReasonDto {
  @ApiProperty({ example: 'Nội dung thuộc thẩm quyền giải quyết của Tòa án, đã hướng dẫn công dân.' })
  @IsString()
  @NotBlank()
  @MinLength(3)
  @MaxLength(4000)
  reason: string;
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
