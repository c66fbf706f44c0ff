import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainObject, NotBlank } from '../../../infrastructure/http/validators.js';

/** The list pages a view can be saved for. */
export const SAVED_VIEW_PAGES = ['triage', 'agency', 'cases'] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

export class SavedViewDto {
  @ApiProperty({ enum: SAVED_VIEW_PAGES })
  @IsIn(SAVED_VIEW_PAGES)
  page: SavedViewPage;

  @ApiProperty({ example: 'Đất đai khẩn, cũ nhất trước' })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty({
    example: { sort: 'oldest', category: 'LAND', priority: 'URGENT' },
    description: 'The page’s query: up to 20 text values of up to 200 characters',
  })
  @IsPlainObject()
  query: Record<string, string>;
}

export class SavedViewQueryDto {
  @ApiPropertyOptional({ enum: SAVED_VIEW_PAGES })
  @IsOptional()
  @IsIn(SAVED_VIEW_PAGES)
  page?: SavedViewPage;
}
