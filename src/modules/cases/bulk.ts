import { Logger } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { toProblem } from '../../infrastructure/http/problem-details.filter.js';

/** Most cases one bulk request acts on; more is 400, so a request stays well inside its timeout. */
export const MAX_BULK_CASES = 100;

/** `caseIds` of a bulk action: 1 to MAX_BULK_CASES distinct case ids. */
export const BulkCaseIdsField = () =>
  applyDecorators(
    ApiProperty({ type: [String], format: 'uuid', description: `The cases to act on, 1 to ${MAX_BULK_CASES}, each acted on in its own transaction` }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_BULK_CASES, { message: `caseIds takes at most ${MAX_BULK_CASES} cases per request` }),
    ArrayUnique({ message: 'caseIds must not repeat a case' }),
    IsUUID('all', { each: true, message: 'each of caseIds must be a case id' }),
  );

/** What happened to one case of a bulk action: `ok` with the case's status, or the error's code and message. */
export interface BulkResult {
  caseId: string;
  ok: boolean;
  status?: string;
  code?: string;
  message?: string;
}

const log = new Logger('BulkAction');

/**
 * Runs `act` for each case in turn, each in its own transaction (the action opens it), so one
 * case's refusal neither undoes nor stops the others; reports per case what happened, in the
 * reader's language (`acceptLanguage`), as the same refusal alone would have said it.
 */
export async function eachCase(
  caseIds: string[],
  act: (caseId: string) => Promise<{ status: string }>,
  acceptLanguage?: string,
): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const caseId of caseIds) {
    try {
      const { status } = await act(caseId);
      results.push({ caseId, ok: true, status });
    } catch (e) {
      if (!(e instanceof DomainError)) log.error({ caseId, err: e }, 'bulk action failed on a case');
      const problem = toProblem(e, { headers: { 'accept-language': acceptLanguage } });
      const fields = problem.errors?.length ? `: ${problem.errors.map((f) => f.message).join('; ')}` : '';
      results.push({ caseId, ok: false, code: problem.code, message: `${problem.detail}${fields}` });
    }
  }
  return { results };
}
