import { Injectable } from '@nestjs/common';
import type { Role } from '../auth/roles.js';

/** One case whose words left the system in an exported file, and who took them. */
export interface ExportAccessEntry {
  userId: string;
  role: Role;
  caseId: string;
  action: 'EXPORT';
  requestId?: string;
}

/**
 * Where report exports are written down (the access log). A port so that reports does not depend
 * on how the log is kept; the composition root binds it to the access log.
 */
export abstract class ExportAccessRecorder {
  abstract record(entries: ExportAccessEntry[]): Promise<void>;
}

/** The binding until an access log is wired in: records nothing. */
@Injectable()
export class NoExportAccessLog extends ExportAccessRecorder {
  async record(): Promise<void> {}
}
