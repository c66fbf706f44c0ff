import { Module } from '@nestjs/common';
import type { AppConfig } from '../../../config/index.js';
import { APP_CONFIG } from '../../infrastructure/config/config.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { AttachmentLinker } from './attachment-linker.service.js';
import { AttachmentRepository } from './attachment.repository.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';
import { AttachmentTextProcessor } from './jobs/attachment-text.processor.js';
import { DiskStorage } from './storage/disk-storage.js';
import { OBJECT_STORAGE, type ObjectStorage } from './storage/object-storage.js';
import { S3Storage } from './storage/s3-storage.js';
import { AttachmentUploads } from './upload.service.js';

const storage = {
  provide: OBJECT_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): ObjectStorage => (config.storage.s3 ? new S3Storage(config.storage.s3) : new DiskStorage(config.storage.dir)),
};

/** The object storage alone, for modules that keep files of their own there (the letters' issued copies). */
@Module({ providers: [storage], exports: [storage] })
export class ObjectStorageModule {}

/**
 * Attachments of cases: uploads (streamed, typed by content), the object storage behind one small
 * interface (disk or S3), need-to-know reads and logged downloads, their links to timeline events,
 * the merge's hand-over, and the case reads' view of them (CaseAttachmentsPort). Downstream of
 * cases; routing imports it for the resolution's signed document.
 */
@Module({
  imports: [CasesModule, ObjectStorageModule],
  controllers: [AttachmentsController],
  providers: [AttachmentRepository, AttachmentsService, AttachmentUploads, AttachmentLinker],
  exports: [ObjectStorageModule, AttachmentRepository, AttachmentsService, AttachmentUploads],
})
export class AttachmentsModule {}

/** The worker's part: the text extraction behind the case search. */
@Module({ imports: [AttachmentsModule], providers: [AttachmentTextProcessor] })
export class AttachmentsWorkerModule {}
