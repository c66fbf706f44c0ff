import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldError } from '../../infrastructure/http/domain-error.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { CaseRepository } from '../cases/case.repository.js';
import { ReferenceCache } from '../organisation/reference-cache.service.js';
import { type ConcernInput, insertConcerns, type LoggedConcern } from './concern-writer.js';
import { IntakeBatcher } from './intake-batcher.service.js';
import { CreateConcernDto } from './dto/create-concern.dto.js';

export interface IntakeResult<T> {
  body: T;
  replayed: boolean;
}

/** A concern with its codes resolved to ids: ready to insert. */
interface ResolvedConcern {
  dto: CreateConcernDto;
  areaId: string;
  categoryId: string | null;
  sensitive: boolean;
}

@Injectable()
export class IntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly refs: ReferenceCache,
    private readonly batcher: IntakeBatcher,
    private readonly cases: CaseRepository,
  ) {}

  async logOne(dto: CreateConcernDto, user: AuthUser, idempotency?: { key: string; request: unknown }): Promise<IntakeResult<LoggedConcern>> {
    const resolved = await this.resolve(dto, '');
    if (resolved.errors.length) throw DomainError.validation(resolved.errors);
    const concern = resolved.value!;
    if (!idempotency) {
      return { body: await this.batcher.submit(this.input(concern, user)), replayed: false };
    }
    return this.once(user, idempotency, (m) => this.insert(m, concern, user));
  }

  /** All or nothing: every item is checked first, and every error is reported with its index. */
  async logBatch(items: CreateConcernDto[], user: AuthUser, idempotency?: { key: string; request: unknown }) {
    const resolved: ResolvedConcern[] = [];
    const errors: FieldError[] = [];
    for (const [i, dto] of items.entries()) {
      const r = await this.resolve(dto, `concerns[${i}].`);
      errors.push(...r.errors);
      if (r.value) resolved.push(r.value);
    }
    if (errors.length)
      throw DomainError.validation(
        errors,
        `${new Set(errors.map((e) => e.field.split('.')[0])).size} of ${items.length} concerns are invalid; nothing was saved`,
      );

    const work = async (m: EntityManager) => {
      const items = await insertConcerns(
        this.cases,
        m,
        resolved.map((r) => this.input(r, user)),
      );
      return { count: items.length, items };
    };
    if (!idempotency) return { body: await this.db.transaction(work), replayed: false };
    return this.once(user, idempotency, work);
  }

  private async resolve(dto: CreateConcernDto, prefix: string): Promise<{ value?: ResolvedConcern; errors: FieldError[] }> {
    const errors: FieldError[] = [];
    const areaId = await this.refs.areaId(dto.areaCode);
    if (!areaId) errors.push({ field: `${prefix}areaCode`, message: `unknown area code ${dto.areaCode}` });
    const category = dto.categoryCode ? await this.refs.category(dto.categoryCode) : undefined;
    if (dto.categoryCode && !category) errors.push({ field: `${prefix}categoryCode`, message: `unknown category code ${dto.categoryCode}` });
    if (dto.occurredAt && Date.parse(dto.occurredAt) > Date.now() + 24 * 3600 * 1000) {
      errors.push({ field: `${prefix}occurredAt`, message: 'cannot be in the future' });
    }
    if (errors.length) return { errors };
    return { value: { dto, areaId: areaId!, categoryId: category?.id ?? null, sensitive: category?.sensitive ?? false }, errors };
  }

  private input(r: ResolvedConcern, user: AuthUser): ConcernInput {
    return { ...r.dto, areaId: r.areaId, categoryId: r.categoryId, sensitive: r.sensitive, actorId: user.id, actorUnitId: user.orgUnitId };
  }

  private async insert(m: EntityManager, r: ResolvedConcern, user: AuthUser): Promise<LoggedConcern> {
    const [row] = await insertConcerns(this.cases, m, [this.input(r, user)]);
    return row;
  }

  /**
   * Runs `work` at most once per (user, Idempotency-Key). The key row is inserted first in the same
   * transaction: a concurrent duplicate waits on it, then reads the stored answer. The same key with
   * a different request is refused rather than silently answered with the old result.
   */
  private async once<T>(user: AuthUser, idempotency: { key: string; request: unknown }, work: (m: EntityManager) => Promise<T>): Promise<IntakeResult<T>> {
    const hash = createHash('sha256').update(JSON.stringify(idempotency.request)).digest('hex');
    return this.db.transaction(async (m) => {
      const claimed = await m.query(
        `INSERT INTO idempotency_record (user_id, key, request_hash, status_code, response) VALUES ($1, $2, $3, 0, 'null')
         ON CONFLICT DO NOTHING RETURNING key`,
        [user.id, idempotency.key, hash],
      );
      if (claimed.length === 0) {
        const [stored] = await m.query(`SELECT request_hash, response FROM idempotency_record WHERE user_id = $1 AND key = $2`, [user.id, idempotency.key]);
        if (stored.request_hash !== hash) {
          throw new DomainError('IDEMPOTENCY_KEY_REUSED', HttpStatus.UNPROCESSABLE_ENTITY, 'This Idempotency-Key was already used for a different request');
        }
        return { body: stored.response as T, replayed: true };
      }
      const body = await work(m);
      await m.query(`UPDATE idempotency_record SET status_code = 201, response = $3 WHERE user_id = $1 AND key = $2`, [
        user.id,
        idempotency.key,
        JSON.stringify(body),
      ]);
      return { body, replayed: false };
    });
  }
}
