import { NotificationAttachments } from './attachments.js';
import { Module } from '@nestjs/common';
import { DeliveryReconciler } from './delivery.reconciler.js';
import { DigestService } from './jobs/digest.service.js';
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
 * The worker side: the notifications queue's processor (send-email, digests) and the delivery
 * reconciler (registered with the global Reconciliation loop). QueueModule is global.
 */
@Module({
  imports: [NotificationsModule],
  providers: [SendEmailProcessor, DeliveryReconciler],
})
export class NotificationsWorkerModule {}
