import { CalendarDay } from './modules/deadlines/entities/calendar-day.entity.js';
import { DeadlinePolicy } from './modules/deadlines/entities/deadline-policy.entity.js';
import { DeadlineReminder } from './modules/deadlines/entities/deadline-reminder.entity.js';
import { HolidayRule } from './modules/deadlines/entities/holiday-rule.entity.js';
import { ExtensionRequest } from './modules/deadlines/entities/extension-request.entity.js';
import { Notification } from './modules/notifications/entities/notification.entity.js';
import { OutboxMessage } from './infrastructure/outbox/outbox-message.entity.js';
import { AccessLog } from './modules/audit/entities/access-log.entity.js';
import { AuditLog } from './modules/audit/entities/audit-log.entity.js';
import { User } from './modules/auth/entities/user.entity.js';
import { CaseEvent } from './modules/cases/entities/case-event.entity.js';
import { Case } from './modules/cases/entities/case.entity.js';
import { SavedView } from './modules/cases/entities/saved-view.entity.js';
import { Concern } from './modules/intake/entities/concern.entity.js';
import { IdempotencyRecord } from './modules/intake/entities/idempotency-record.entity.js';
import { Area } from './modules/organisation/entities/area.entity.js';
import { Category } from './modules/organisation/entities/category.entity.js';
import { OrgUnit } from './modules/organisation/entities/org-unit.entity.js';
import { AnnualPlan } from './modules/programmes/entities/annual-plan.entity.js';
import { CoordinationProgramme } from './modules/programmes/entities/coordination-programme.entity.js';
import { Assignment } from './modules/cases/entities/assignment.entity.js';
import { RoutingRule } from './modules/routing/entities/routing-rule.entity.js';
import { CaseFact } from './modules/reports/entities/case-fact.entity.js';
import { Hotspot } from './modules/reports/entities/hotspot.entity.js';
import { MetricsWatermark } from './modules/reports/entities/metrics-watermark.entity.js';
import { MetricDay, MetricDirtyDay } from './modules/reports/entities/metric-day.entity.js';
import { Attachment } from './modules/attachments/entities/attachment.entity.js';
import { OutgoingDocumentFile } from './modules/letters/entities/outgoing-document-file.entity.js';
import { OutgoingDocument, OutgoingDocumentCounter } from './modules/letters/entities/outgoing-document.entity.js';
import { CaseNote } from './modules/notes/entities/case-note.entity.js';
import { ReplyTemplate } from './modules/organisation/entities/reply-template.entity.js';

/**
 * Every entity, listed rather than globbed: explicit imports work the same from dist/, under
 * jest and in a bundle, and a forgotten entity shows up in the schema drift test.
 */
export const ENTITIES = [
  Area,
  OrgUnit,
  Category,
  User,
  AuditLog,
  AccessLog,
  Case,
  CaseEvent,
  Concern,
  IdempotencyRecord,
  Assignment,
  RoutingRule,
  CoordinationProgramme,
  AnnualPlan,
  OutboxMessage,
  Notification,
  CalendarDay,
  HolidayRule,
  DeadlinePolicy,
  DeadlineReminder,
  ExtensionRequest,
  CaseFact,
  Hotspot,
  MetricsWatermark,
  MetricDay,
  MetricDirtyDay,
  Attachment,
  OutgoingDocument,
  OutgoingDocumentCounter,
  OutgoingDocumentFile,
  CaseNote,
  ReplyTemplate,
  SavedView,
];
