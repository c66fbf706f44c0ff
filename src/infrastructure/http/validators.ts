import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsObject, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** Years the API takes in any date: wider than any concern, deadline or programme, narrow enough for PostgreSQL and date arithmetic. */
/** A UUID as PostgreSQL writes it: an id in a path, a cursor or a token that is not one names nothing. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A full date-time with its offset: a timestamp without one would be read in the server's zone.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function realDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `YYYY-MM-DD`, a day that exists (no 2026-02-30), year within MIN_YEAR..MAX_YEAR. */
export function isStrictDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  return !!m && realDay(+m[1], +m[2], +m[3]);
}

/** A full ISO 8601 date-time with seconds optional and an offset (Z or ±hh:mm), on a day that exists. */
export function isStrictTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = TIMESTAMP.exec(value);
  if (!m || !realDay(+m[1], +m[2], +m[3])) return false;
  if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return false;
  return m[7] === undefined || (+m[8] <= 14 && +m[9] <= 59);
}

function rule(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property ${message}`, ...options },
      validator: { validate: test },
    });
}

/** A calendar day as PostgreSQL's `date` stores it and the API means it: `YYYY-MM-DD` (not `2026`, `2026-05`, `2026-W01`). */
export const IsDay = (options?: ValidationOptions) => rule('isDay', isStrictDay, `must be a date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}`, options);

/** An instant: a full ISO 8601 date-time with an offset, e.g. `2026-11-20T08:00:00+07:00`. */
export const IsTimestamp = (options?: ValidationOptions) =>
  rule('isTimestamp', isStrictTimestamp, `must be a date-time with offset, e.g. 2026-11-20T08:00:00+07:00, between ${MIN_YEAR} and ${MAX_YEAR}`, options);

/** Either of the two: a day (read by the caller as Vietnam midnight) or an instant with its offset. */
export const IsDayOrTimestamp = (options?: ValidationOptions) =>
  rule(
    'isDayOrTimestamp',
    (v) => isStrictDay(v) || isStrictTimestamp(v),
    `must be a day YYYY-MM-DD or a date-time with offset, e.g. 2026-11-20T08:00:00+07:00, between ${MIN_YEAR} and ${MAX_YEAR}`,
    options,
  );

const trimmed = (value: unknown): unknown =>
  typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value;

/**
 * Text that must say something: trimmed, then refused when empty. Length rules after it apply to
 * the trimmed text. Non-strings are left to @IsString to refuse.
 */
export const NotBlank = (options?: ValidationOptions) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => trimmed(value)),
    rule('notBlank', (v) => typeof v !== 'string' || v.trim().length > 0, 'must not be blank', options),
  ) as PropertyDecorator;

/**
 * The field may be left out, but not sent as null: unlike @IsOptional, null goes on to the type
 * rules and is refused. Fields that null clears keep @IsOptional and say `nullable` in the docs.
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined) as PropertyDecorator;

/** A nested object (a DTO): refused when missing, null, an array or a scalar, before its own fields are checked. */
export const IsPlainObject = (options?: ValidationOptions) => IsObject({ message: '$property must be an object', ...options });
