import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AppendedEvent, CaseTransitions } from '../cases/case-transitions.service.js';
import type { CaseEventPayloads } from '../cases/case-events.js';
import { AttachmentRepository } from './attachment.repository.js';
import { notUsable } from './attachments.service.js';

/**
 * Keeps attachments in step with the timeline, inside the transaction that appends each event
 * (CaseTransitions.observe, as the deadlines module's ClockKeeper does):
 * - an action that names attachments (`attachmentIds`, a resolution's `documentRef.attachmentId`)
 *   links them to its event, after checking each is an attachment of the case, uploaded by the
 *   actor or the actor's unit, and not used yet; otherwise 422 ATTACHMENT_NOT_USABLE and the
 *   whole action is undone;
 * - a merge carries the merged case's attachments to the survivor, whose need-to-know then applies.
 */
@Injectable()
export class AttachmentLinker implements OnModuleInit {
  constructor(
    private readonly transitions: CaseTransitions,
    private readonly repository: AttachmentRepository,
  ) {}

  onModuleInit() {
    this.transitions.observe((m, e) => this.onEvent(m, e));
  }

  private async onEvent(m: EntityManager, e: AppendedEvent) {
    if (e.type === 'MERGED') {
      await this.repository.moveToCase(m, e.caseId, (e.payload as CaseEventPayloads['MERGED']).intoCaseId);
      return;
    }
    const named = namedAttachments(e.payload);
    if (named.length) await this.link(m, e, named);
  }

  private async link(m: EntityManager, e: AppendedEvent, named: Array<{ id: string; field: string }>) {
    const ids = named.map((n) => n.id);
    const usable: Array<{ id: string }> = await m.query(
      `SELECT t.id FROM attachment t JOIN app_user u ON u.id = $3
        WHERE t.case_id = $1 AND t.id = ANY($2::uuid[]) AND t.event_id IS NULL
          AND (t.uploaded_by = u.id OR (u.org_unit_id IS NOT NULL AND t.uploaded_by_unit = u.org_unit_id))
        FOR UPDATE OF t`,
      [e.caseId, [...new Set(ids)], e.actorId],
    );
    const ok = new Set(usable.map((r) => r.id));
    const bad = named.find((n) => !ok.has(n.id));
    if (bad) throw notUsable(bad.field, 'is not an unused attachment of this case uploaded by you or your unit');
    await this.repository.link(m, e.caseId, [...ok], e.id);
  }
}

/** The attachments an event's payload names, each with the request field it came from. */
export function namedAttachments(payload: Record<string, unknown>): Array<{ id: string; field: string }> {
  const named: Array<{ id: string; field: string }> = [];
  const ids = payload.attachmentIds;
  if (Array.isArray(ids)) ids.forEach((id, i) => typeof id === 'string' && named.push({ id, field: `attachmentIds[${i}]` }));
  const ref = payload.documentRef as { attachmentId?: unknown } | null | undefined;
  if (ref && typeof ref.attachmentId === 'string') named.push({ id: ref.attachmentId, field: 'documentRef.attachmentId' });
  return named;
}
