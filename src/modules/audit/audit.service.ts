import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

const SECRET_FIELDS = new Set(['passwordHash', 'password']);

function scrub(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Writes audit rows inside the caller's transaction, so a change and its audit commit together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(`INSERT INTO audit_log (actor_id, action, entity_type, entity_id, changes) VALUES ($1, $2, $3, $4, $5)`, [
      entry.actorId,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify({ before: scrub(entry.before), after: scrub(entry.after) }),
    ]);
  }
}
