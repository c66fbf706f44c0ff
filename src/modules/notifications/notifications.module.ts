import { NotificationAttachments } from './attachments.js';
import { Module } from '@nestjs/common';
import { LetterFilesModule } from '../letters/letter-files.js';
import { DeliveryReconciler } from './delivery.reconciler.js';
import { DigestService } from './jobs/digest.service.js';
import { LetterAttachments } from './letter-attachments.js';
import { SendEmailProcessor } from './jobs/send-email.processor.js';
import { MAIL_TRANSPORT, mailTransportProviders } from './mail-transport.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Recording notices (NotificationsService.request, for other modules) and the admin delivery view.
 * The transport is lazy: the pool connects on the first send, which only the worker makes.
 */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, DigestService, NotificationAttachments, ...mailTransportProviders],
  exports: [NotificationsService, DigestService, NotificationAttachments, MAIL_TRANSPORT],
})
export class NotificationsModule {}

/**
 * The worker side: the notifications queue's processor (send-email, digests), the delivery
 * reconciler (registered with the global Reconciliation loop) and the forwarding letter's file on
 * assignment notices. QueueModule is global.
 */
@Module({
  imports: [NotificationsModule, LetterFilesModule],
  providers: [SendEmailProcessor, DeliveryReconciler, LetterAttachments],
})
export class NotificationsWorkerModule {}
