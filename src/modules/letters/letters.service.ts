import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AccessLogService } from '../audit/access-log.service.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { STANDING_BODY_ROLES } from '../auth/roles.js';
import { Params, UUID, visibilityCondition } from '../cases/case-access.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { OPEN_ASSIGNMENT_SQL } from '../cases/entities/assignment.entity.js';
import type { IssueLetterDto } from './dto/letters.dto.js';
import { ForwardingLetters, type IssuedLetter } from './forwarding-letters.service.js';
import { LetterFiles } from './letter-files.js';
import type { LetterFormat, RenderedFile } from './letter-render.js';

/** The letters' routes: a letter on demand, and a letter's files behind its case's visibility. */
@Injectable()
export class LettersService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly letters: ForwardingLetters,
    private readonly files: LetterFiles,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * A new letter to the agencies still working on the case (top-level assignments that are open):
   * a reminder, or a letter after a re-route. The case is locked as for any change to it (hidden:
   * 404), so it cannot be re-routed under the letter; 409 NO_LIVE_ASSIGNMENTS when no agency is on it.
   */
  async issueOnDemand(caseId: string, dto: IssueLetterDto, actor: AuthUser): Promise<IssuedLetter> {
    return this.transitions.inTransaction(async (m) => {
      await this.transitions.lock(m, caseId, actor);
      const live: Array<{ id: string }> = await m.query(
        `SELECT id FROM assignment WHERE case_id = $1 AND parent_assignment_id IS NULL AND status IN ${OPEN_ASSIGNMENT_SQL}`,
        [caseId],
      );
      if (!live.length) throw DomainError.conflict('NO_LIVE_ASSIGNMENTS', 'No agency is working on the case: there is nobody to address a letter to');
      const assignmentIds = live.map((a) => a.id);
      // The timeline says which letter went, and the agencies' notices carry it (LETTER_ISSUED → notifications).
      return this.letters.issueForwardingLetter(
        m,
        { caseId, assignmentIds, actor, signerId: dto.signerId, requestedAction: dto.requestedAction },
        async (l) => {
          await this.transitions.apply(
            { caseId, actor, type: 'LETTER_ISSUED', payload: { letterId: l.id, letterNumber: l.numberText, assignmentIds } },
            undefined,
            m,
          );
        },
      );
    });
  }

  /**
   * A letter's file, for whoever may see its case (the one visibility rule; hidden or unknown: 404).
   * A document with no case is the standing body's own. Each download is written to the access log.
   */
  async download(id: string, format: LetterFormat, user: AuthUser, requestId: string): Promise<RenderedFile> {
    if (!UUID.test(id)) throw DomainError.notFound('Letter', id);
    const p = new Params();
    const [row]: Array<{ caseId: string | null }> = await this.db.query(
      `SELECT d.case_id AS "caseId" FROM outgoing_document d LEFT JOIN cases c ON c.id = d.case_id
        WHERE d.id = ${p.add(id)} AND d.kind = 'FORWARDING_LETTER'
          AND (CASE WHEN d.case_id IS NULL THEN ${p.add(STANDING_BODY_ROLES.includes(user.role))}::boolean ELSE ${visibilityCondition(user, p.add)} END)`,
      p.values,
    );
    if (!row) throw DomainError.notFound('Letter', id);
    const file = await this.files.render(id, format);
    if (row.caseId) await this.accessLog.record([{ userId: user.id, role: user.role, caseId: row.caseId, action: 'LETTER_READ', requestId }]);
    return file;
  }
}
