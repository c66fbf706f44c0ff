import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { localYearMonth } from '../../infrastructure/time/vn-time.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { CaseClocksPort } from '../cases/case-clocks.port.js';
import { PRIORITY_LABELS, type Priority } from '../cases/case.types.js';
import { CHANNEL_LABELS, type Channel } from '../intake/intake.types.js';
import type { DocumentRecipient } from './entities/outgoing-document.entity.js';
import { archiveLine, letterBody, type LetterSnapshot, letterSubject, placeOf } from './letter-snapshot.js';

/** The issuing unit and the signer, read and checked before a number is taken. */
export interface LetterIssuer {
  unit: { id: string; code: string; name: string; symbol: string; superiorBody: string; letterheadName: string; place: string };
  signer: LetterSnapshot['signer'];
}

/** A number taken for a letter in the current transaction (given back if it rolls back). */
export interface ReservedLetter {
  id: string;
  year: number;
  number: number;
  numberText: string;
  issuedAt: Date;
}

export interface IssuedLetter {
  id: string;
  numberText: string;
  number: number;
  year: number;
  issuedAt: string;
}

export interface IssueRequest {
  caseId: string;
  /** The assignments the letter is addressed to (their agencies: "Kính gửi:"), lead first. */
  assignmentIds: string[];
  actor: AuthUser;
  /** The signer (a user of the issuing unit); the unit's default signer when left out. */
  signerId?: string;
  /** The triager's words for what is asked, instead of the standard sentence. */
  requestedAction?: string;
}

/**
 * Forwarding letters (công văn chuyển): the register's only writer. A letter takes the next number
 * of its issuing unit's yearly counter with one upsert in the caller's transaction (the routing's),
 * so numbers are unique and gap-free: concurrent issuers wait on the counter row until the first
 * commits, and a transaction that rolls back gives its number back. The row written is the letter's
 * truth (its snapshot); the files are rendered from it on demand, outside any transaction.
 */
@Injectable()
export class ForwardingLetters {
  constructor(private readonly clocks: CaseClocksPort) {}

  /**
   * Issues a letter in the caller's transaction: checks the issuer and signer (400 before anything
   * is taken), reads what the letter shows, takes the number, lets the caller write what must name
   * the letter (`announce`: the ASSIGNED event), then reads the deadlines the routing set and
   * writes the register row.
   */
  async issueForwardingLetter(m: EntityManager, req: IssueRequest, announce?: (letter: ReservedLetter) => Promise<void>): Promise<IssuedLetter> {
    const issuer = await this.issuer(m, req.actor, req.signerId);
    const facts = await this.facts(m, req.caseId, req.assignmentIds);
    // The counter row is held from here to commit: everything that can be read before is read before.
    const reserved = await this.reserve(m, issuer);
    if (announce) await announce(reserved);
    const deadline = await this.deadline(m, req.caseId, facts.recipients);
    const snapshot: LetterSnapshot = {
      v: 1,
      kind: 'FORWARDING_LETTER',
      issuedAt: reserved.issuedAt.toISOString(),
      numberText: reserved.numberText,
      letterhead: { superiorBody: issuer.unit.superiorBody, issuingBody: issuer.unit.letterheadName, place: issuer.unit.place },
      issuer: { unitId: issuer.unit.id, code: issuer.unit.code, name: issuer.unit.name },
      subject: letterSubject(facts.case.category),
      case: facts.case,
      concerns: facts.concerns,
      recipients: facts.recipients,
      deadline,
      body: letterBody({ issuerName: issuer.unit.name, ...facts, deadline, requestedAction: req.requestedAction ?? null }),
      signer: issuer.signer,
      copies: ['Thường trực cấp ủy (b/c)'],
      archive: archiveLine(issuer.unit.symbol),
    };
    await m.query(
      `INSERT INTO outgoing_document (id, issuing_unit_id, year, number, symbol, number_text, kind, subject, case_id, recipients,
                                      signer_id, signer_name, signer_title, signer_authority, issued_at, issued_by_id, snapshot)
       VALUES ($1, $2, $3, $4, $5, $6, 'FORWARDING_LETTER', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        reserved.id,
        issuer.unit.id,
        reserved.year,
        reserved.number,
        issuer.unit.symbol,
        reserved.numberText,
        snapshot.subject,
        req.caseId,
        JSON.stringify(facts.recipients),
        issuer.signer.userId,
        issuer.signer.name,
        issuer.signer.title,
        issuer.signer.authority,
        reserved.issuedAt,
        req.actor.id,
        JSON.stringify(snapshot),
      ],
    );
    return { id: reserved.id, numberText: reserved.numberText, number: reserved.number, year: reserved.year, issuedAt: snapshot.issuedAt };
  }

  /**
   * The issuing unit (the caller's, the standing body) with its profile, and the signer: the one named
   * (an active user of the unit with a job title, else 400), else the unit's default signer, else a
   * leader of the unit with a title, else the caller. A unit without a profile still issues: its
   * code is the symbol and its area's name the place.
   */
  async issuer(m: Pick<EntityManager, 'query'>, actor: AuthUser, signerId?: string): Promise<LetterIssuer> {
    const [unit] = actor.orgUnitId
      ? await m.query(
          `SELECT u.id, u.code, u.name_vi AS name, u.document_symbol AS symbol, u.superior_body AS "superiorBody",
                  u.letterhead_name AS "letterheadName", u.document_place AS place, u.default_signer_id AS "defaultSignerId", a.name_vi AS "areaName"
             FROM org_unit u LEFT JOIN area a ON a.id = u.area_id WHERE u.id = $1`,
          [actor.orgUnitId],
        )
      : [];
    // The standing body issues in the name of its own unit (a triager always has one).
    if (!unit) throw DomainError.conflict('NOT_AN_ISSUING_UNIT', 'Letters are issued in the name of the caller’s unit; the caller belongs to none');
    const signerRow = async (id: string) => {
      const [u] = await m.query(
        `SELECT id, full_name AS name, job_title AS title, signing_authority AS authority FROM app_user
          WHERE id = $1 AND org_unit_id = $2 AND active AND job_title IS NOT NULL`,
        [id, unit.id],
      );
      return u as { id: string; name: string; title: string; authority: string | null } | undefined;
    };
    let signer = signerId ? await signerRow(signerId) : undefined;
    if (signerId && !signer) {
      throw DomainError.validation([{ field: 'signerId', message: 'is not an active user of the issuing unit with a job title (signing profile)' }]);
    }
    if (!signer && unit.defaultSignerId) signer = await signerRow(unit.defaultSignerId);
    if (!signer) {
      [signer] = await m.query(
        `SELECT id, full_name AS name, job_title AS title, signing_authority AS authority FROM app_user
          WHERE org_unit_id = $1 AND role = 'leader' AND active AND job_title IS NOT NULL ORDER BY email LIMIT 1`,
        [unit.id],
      );
    }
    const [self] = signer ? [] : await m.query(`SELECT job_title AS title, signing_authority AS authority FROM app_user WHERE id = $1`, [actor.id]);
    return {
      unit: {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        symbol: unit.symbol ?? unit.code,
        superiorBody: unit.superiorBody ?? '',
        letterheadName: unit.letterheadName ?? unit.name,
        place: unit.place ?? placeOf(unit.areaName ?? ''),
      },
      signer: signer
        ? { userId: signer.id, name: signer.name, title: signer.title, authority: signer.authority }
        : { userId: actor.id, name: actor.fullName, title: self?.title ?? 'Cán bộ thường trực', authority: self?.authority ?? null },
    };
  }

  /** The next number of the unit's year, in the caller's transaction; the instant of issue is the transaction's. */
  private async reserve(m: EntityManager, issuer: LetterIssuer): Promise<ReservedLetter> {
    const [{ now }]: Array<{ now: Date }> = await m.query(`SELECT now() AS now`);
    const { year } = localYearMonth(now);
    // The case lock's short lock_timeout is for users competing for one case; here every issuer of the
    // unit queues on one row for a few milliseconds each, which under a burst adds up to more than that.
    const [{ lock_timeout: prev }]: Array<{ lock_timeout: string }> = await m.query(`SHOW lock_timeout`);
    await m.query(`SET LOCAL lock_timeout = '30s'`);
    const [{ n }]: Array<{ n: number }> = await m.query(
      `INSERT INTO outgoing_document_counter (issuing_unit_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (issuing_unit_id, year) DO UPDATE SET last_number = outgoing_document_counter.last_number + 1 RETURNING last_number AS n`,
      [issuer.unit.id, year],
    );
    await m.query(`SELECT set_config('lock_timeout', $1, true)`, [prev]);
    return { id: randomUUID(), year, number: n, numberText: `${n}/${issuer.unit.symbol}`, issuedAt: now };
  }

  /** What the letter says about the case: its words, its concerns, the agencies it goes to. */
  private async facts(m: EntityManager, caseId: string, assignmentIds: string[]) {
    const [c] = await m.query(
      `SELECT c.id, c.code, c.title, c.summary, c.priority, cat.label_vi AS category, a.name_vi AS area
         FROM cases c JOIN area a ON a.id = c.area_id LEFT JOIN category cat ON cat.id = c.category_id WHERE c.id = $1`,
      [caseId],
    );
    if (!c) throw DomainError.notFound('Case', caseId);
    const concerns: Array<{ title: string; area: string; channel: Channel; peopleAffected: number | null; receivedAt: Date }> = await m.query(
      `SELECT k.title, a.name_vi AS area, k.channel, k.people_affected AS "peopleAffected", k.received_at AS "receivedAt"
         FROM concern k JOIN area a ON a.id = k.area_id WHERE k.case_id = $1 ORDER BY k.received_at, k.id`,
      [caseId],
    );
    const recipients: DocumentRecipient[] = await m.query(
      `SELECT s.id AS "assignmentId", o.id AS "orgUnitId", o.code, o.name_vi AS name, s.role
         FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id
        WHERE s.id = ANY($1::uuid[]) AND s.case_id = $2 ORDER BY CASE s.role WHEN 'LEAD' THEN 0 ELSE 1 END, s.created_at, s.id`,
      [assignmentIds, caseId],
    );
    if (!recipients.length) throw DomainError.conflict('NO_LIVE_ASSIGNMENTS', 'The case has no agency to address a letter to');
    return {
      case: {
        id: c.id as string,
        code: c.code as string,
        title: c.title as string,
        summary: (c.summary as string | null) ?? null,
        category: (c.category as string | null) ?? null,
        priority: PRIORITY_LABELS[c.priority as Priority]?.vi ?? String(c.priority),
        area: c.area as string,
      },
      concerns: concerns.map((k) => ({
        title: k.title,
        area: k.area,
        channel: CHANNEL_LABELS[k.channel]?.vi ?? k.channel,
        peopleAffected: k.peopleAffected,
        receivedAt: new Date(k.receivedAt).toISOString(),
      })),
      recipients,
    };
  }

  /**
   * The lead's answer deadline as the routing left it: the due instant the clock keeper cached on the
   * assignment when the ASSIGNED event was written (read after it, in this transaction), and the
   * working days its clock allows (the policy's resolveDays, plus any extension granted).
   */
  private async deadline(m: EntityManager, caseId: string, recipients: DocumentRecipient[]): Promise<LetterSnapshot['deadline']> {
    const lead = recipients.find((r) => r.role === 'LEAD') ?? recipients[0];
    const [row] = await m.query(`SELECT resolve_due_at AS "dueAt" FROM assignment WHERE id = $1`, [lead.assignmentId]);
    const clock = (await this.clocks.clocksOf([caseId], m)).get(caseId)?.assignments[lead.assignmentId ?? '']?.resolve;
    return {
      workingDays: clock ? Math.round(clock.allowedWorkingDays) : null,
      dueAt: row?.dueAt ? new Date(row.dueAt).toISOString() : (clock?.dueAt ?? null),
    };
  }
}
