import { Init1795345627981 } from './1795345627981-init.js';
import { Workflow1795347726740 } from './1795347726740-workflow.js';
import { Routing1795348721674 } from './1795348721674-routing.js';
import { Reports1795424947234 } from './1795424947234-reports.js';
import { MetricRollup1795437325895 } from './1795437325895-metric-rollup.js';
import { EventFlow1795500000000 } from './1795500000000-event-flow.js';
import { Delivery1795500000002 } from './1795500000002-delivery.js';
import { AccessLog1795600000000 } from './1795600000000-access-log.js';
import { TokenVersion1795600000002 } from './1795600000002-token-version.js';
import { AppendOnlyTruncate1795600000004 } from './1795600000004-append-only-truncate.js';
import { CalendarLaw1795700000000 } from './1795700000000-calendar-law.js';
import { Clocks1795700000001 } from './1795700000001-clocks.js';
import { MetricsClocks1795700000002 } from './1795700000002-metrics-clocks.js';
import { Attachments1795800000000 } from './1795800000000-attachments.js';
import { Letters1795810000000 } from './1795810000000-letters.js';
import { LetterFiles1795830000000 } from './1795830000000-letter-files.js';
import { Queues1795910000000 } from './1795910000000-queues.js';
import { NotesTemplates1795930000000 } from './1795930000000-notes-templates.js';
import { DelegateReview1795940000000 } from './1795940000000-delegate-review.js';

/** Every migration, in order. A new migration file must be added here (the schema test fails otherwise). */
export const MIGRATIONS = [
  Init1795345627981,
  Workflow1795347726740,
  Routing1795348721674,
  Reports1795424947234,
  MetricRollup1795437325895,
  EventFlow1795500000000,
  Delivery1795500000002,
  AccessLog1795600000000,
  TokenVersion1795600000002,
  AppendOnlyTruncate1795600000004,
  CalendarLaw1795700000000,
  Clocks1795700000001,
  MetricsClocks1795700000002,
  Attachments1795800000000,
  Letters1795810000000,
  LetterFiles1795830000000,
  Queues1795910000000,
  NotesTemplates1795930000000,
  DelegateReview1795940000000,
];
