import Handlebars from 'handlebars';
import { formatCalendarDay, formatDateTime as formatVnDateTime, formatDay as formatVnDay } from '../../infrastructure/time/vn-time.js';
import * as agencyDigest from './templates/agency-digest.js';
import * as assignmentReceived from './templates/assignment-received.js';
import * as assignmentResolved from './templates/assignment-resolved.js';
import * as caseReopened from './templates/case-reopened.js';
import * as caseResolved from './templates/case-resolved.js';
import * as caseReturned from './templates/case-returned.js';
import * as deadlineReminder from './templates/deadline-reminder.js';
import * as delegateAnswerReturned from './templates/delegate-answer-returned.js';
import * as delegateAnswered from './templates/delegate-answered.js';
import * as directiveIssued from './templates/directive-issued.js';
import * as escalation from './templates/escalation.js';
import * as extensionDecided from './templates/extension-decided.js';
import * as extensionRequested from './templates/extension-requested.js';
import * as hotspotDetected from './templates/hotspot-detected.js';
import * as infoRequested from './templates/info-requested.js';
import * as leaderDigest from './templates/leader-digest.js';
import * as letterIssued from './templates/letter-issued.js';
import * as noteMention from './templates/note-mention.js';
import * as officerInfoRequested from './templates/officer-info-requested.js';
import * as reviewReport from './templates/review-report.js';
import * as stepDeadline from './templates/step-deadline.js';
import { redactVars } from './redaction.js';
import { LABELS, type Locale, type TemplateDef } from './templates/shared.js';

export type { Instant, Locale, LocalText } from './templates/shared.js';

/**
 * E-mail templates (Handlebars), Vietnamese first, English second: one file per template under
 * templates/, with its typed variables (`Vars`). This index is what other modules import.
 *
 * The names are persistent data: they are stored on every `notification` row, so never rename one.
 * Dates are shown in Vietnam time. A `LocalText` ({ vi, en }) is shown in the notice's locale.
 * Stored notices (and callers not yet typed) may also use the older spellings that normalizeVars
 * maps: a locale pair (`agencyVi` / `agencyEn`), short names (`agency`, `area`, `category`,
 * `delegatedBy`, `caseSummary`, `agencyCode`), `granted` for `decision`.
 */
export const TEMPLATE_NAMES = [
  'assignment-received',
  'deadline-reminder',
  'escalation',
  'case-returned',
  'info-requested',
  'assignment-resolved',
  'case-resolved',
  'case-reopened',
  'directive-issued',
  'extension-requested',
  'extension-decided',
  'agency-digest',
  'leader-digest',
  'hotspot-detected',
  'review-report',
  'step-deadline',
  'letter-issued',
  'note-mention',
  'delegate-answered',
  'delegate-answer-returned',
  'officer-info-requested',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const LOCALES = ['vi', 'en'] as const;

export function isTemplateName(v: string): v is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(v);
}

/** Template name → the variables its callers give. */
export interface TemplateVars {
  'assignment-received': assignmentReceived.Vars;
  'deadline-reminder': deadlineReminder.Vars;
  escalation: escalation.Vars;
  'case-returned': caseReturned.Vars;
  'info-requested': infoRequested.Vars;
  'assignment-resolved': assignmentResolved.Vars;
  'case-resolved': caseResolved.Vars;
  'case-reopened': caseReopened.Vars;
  'directive-issued': directiveIssued.Vars;
  'extension-requested': extensionRequested.Vars;
  'extension-decided': extensionDecided.Vars;
  'agency-digest': agencyDigest.Vars;
  'leader-digest': leaderDigest.Vars;
  'hotspot-detected': hotspotDetected.Vars;
  'review-report': reviewReport.Vars;
  'step-deadline': stepDeadline.Vars;
  'letter-issued': letterIssued.Vars;
  'note-mention': noteMention.Vars;
  'delegate-answered': delegateAnswered.Vars;
  'delegate-answer-returned': delegateAnswerReturned.Vars;
  'officer-info-requested': officerInfoRequested.Vars;
}

/** The variables of a notice read back from `notification.vars` (jsonb): checked by render, not by the compiler. */
export type StoredVars = Record<string, unknown>;

const TEMPLATES: { readonly [T in TemplateName]: TemplateDef<TemplateVars[T]> } = {
  'assignment-received': assignmentReceived.template,
  'deadline-reminder': deadlineReminder.template,
  escalation: escalation.template,
  'case-returned': caseReturned.template,
  'info-requested': infoRequested.template,
  'assignment-resolved': assignmentResolved.template,
  'case-resolved': caseResolved.template,
  'case-reopened': caseReopened.template,
  'directive-issued': directiveIssued.template,
  'extension-requested': extensionRequested.template,
  'extension-decided': extensionDecided.template,
  'agency-digest': agencyDigest.template,
  'leader-digest': leaderDigest.template,
  'hotspot-detected': hotspotDetected.template,
  'review-report': reviewReport.template,
  'step-deadline': stepDeadline.template,
  'letter-issued': letterIssued.template,
  'note-mention': noteMention.template,
  'delegate-answered': delegateAnswered.template,
  'delegate-answer-returned': delegateAnswerReturned.template,
  'officer-info-requested': officerInfoRequested.template,
};

export interface Rendered {
  subject: string;
  text: string;
  html?: string;
}

// ---- rendering ----

/** The Vietnam-time instant of a template date; null when the value is not one (shown as given). */
function toInstant(value: unknown): { ms: number; dateOnly: boolean } | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) ? null : { ms, dateOnly: true };
  }
  // Only unambiguous inputs: `new Date('04/12/2026')` would be read as April.
  if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return null;
  const ms = value instanceof Date ? value.getTime() : new Date(value as string | number).getTime();
  return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

function formatDay(value: unknown, locale: Locale): string {
  const at = toInstant(value);
  // Already formatted by the caller: keep its date part.
  if (!at) return value == null ? '' : (/\d{1,2}\/\d{1,2}\/\d{2,4}/.exec(String(value))?.[0] ?? String(value));
  return at.dateOnly ? formatCalendarDay(String(value), locale) : formatVnDay(at.ms, locale);
}

function formatDateTime(value: unknown, locale: Locale): string {
  const at = toInstant(value);
  if (!at) return value == null ? '' : String(value);
  if (at.dateOnly) return locale === 'vi' ? `ngày ${formatDay(value, locale)}` : formatDay(value, locale);
  return formatVnDateTime(at.ms, locale);
}

type HelperOptions = { data?: { locale?: Locale; root?: unknown } };
const localeOf = (options: HelperOptions): Locale => (options?.data?.locale === 'en' ? 'en' : 'vi');

// Own environment: helpers registered here do not leak into other users of the library.
const hbs = Handlebars.create();
hbs.registerHelper('eq', (a: unknown, b: unknown) => String(a) === String(b));
// `{{#if}}` hides a 0; `{{#if (has x)}}` shows it and hides only what is absent.
hbs.registerHelper('has', (v: unknown) => v !== null && v !== undefined && v !== '');
hbs.registerHelper('label', (group: string, value: unknown, options: HelperOptions) => {
  const v = value == null ? '' : String(value);
  return LABELS[localeOf(options)][group]?.[v] ?? v;
});
hbs.registerHelper('date', (value: unknown, options: HelperOptions) => formatDateTime(value, localeOf(options)));
hbs.registerHelper('day', (value: unknown, options: HelperOptions) => formatDay(value, localeOf(options)));

interface Compiled {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html?: Handlebars.TemplateDelegate;
}
const cache = new Map<string, Compiled>();

function compiled(template: TemplateName, locale: Locale): Compiled {
  const key = `${template}:${locale}`;
  let c = cache.get(key);
  if (!c) {
    const src = TEMPLATES[template]?.[locale];
    if (!src) throw new Error(`Unknown e-mail template ${template} (${locale})`);
    // Subject and text are not HTML: no entity escaping there.
    c = {
      subject: hbs.compile(src.subject, { noEscape: true }),
      text: hbs.compile(src.text, { noEscape: true }),
      html: src.html ? hbs.compile(src.html) : undefined,
    };
    cache.set(key, c);
  }
  return c;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A plain HTML rendering of the text body: paragraphs, line breaks, clickable links. */
export function textToHtml(text: string, lang: Locale): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) =>
      escapeHtml(p)
        .replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)
        .replace(/\n/g, '<br>\n'),
    );
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #222">
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</body></html>
`;
}

const ALIASES: Array<[from: string, to: string]> = [
  ['agency', 'agencyName'],
  ['area', 'areaName'],
  ['category', 'categoryName'],
  ['delegatedBy', 'delegatedByName'],
  ['caseSummary', 'summary'],
  ['agencyCode', 'agencyName'],
];

const isLocalPair = (v: unknown): v is { vi: string; en: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { vi?: unknown }).vi === 'string' && typeof (v as { en?: unknown }).en === 'string';

/** Picks the locale's side of every `LocalText` pair, in nested lists and objects too. */
function localise(v: unknown, locale: Locale): unknown {
  if (isLocalPair(v)) return v[locale];
  if (Array.isArray(v)) return v.map((x) => localise(x, locale));
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, localise(x, locale)]));
  }
  return v;
}

/**
 * The variables as the template reads them: `LocalText` pairs resolved to the locale, and the older
 * spellings stored notices carry mapped to the documented names (a locale pair `agencyVi` /
 * `agencyEn` gives `agency` in the notice's locale, short names fill the documented ones, `granted`
 * gives `decision`).
 */
export function normalizeVars(template: TemplateName, locale: Locale, vars: StoredVars): Record<string, unknown> {
  const out = localise(vars, locale) as Record<string, unknown>;
  const suffix = locale === 'vi' ? 'Vi' : 'En';
  for (const [k, v] of Object.entries(vars)) {
    if (k.length > 2 && k.endsWith(suffix) && v !== null && v !== undefined) out[k.slice(0, -2)] = v;
  }
  // Before the aliases: `summary` of a resolution is the agency's answer, never the case's summary.
  if (template === 'assignment-resolved' && out.resolutionSummary == null) out.resolutionSummary = vars.summary ?? null;
  for (const [from, to] of ALIASES) if ((out[to] === undefined || out[to] === null) && out[from] != null) out[to] = out[from];
  if (out.decision == null && typeof out.granted === 'boolean') out.decision = out.granted ? 'GRANTED' : 'DENIED';
  if (template === 'deadline-reminder' && out.dueAt == null) out.dueAt = out.kind === 'acknowledge' ? out.acknowledgeDueAt : out.resolveDueAt;
  return out;
}

/** Thrown when a notice lacks a variable its template requires: rendering it again gives the same result. */
export class MissingTemplateVarsError extends Error {
  constructor(
    readonly template: TemplateName,
    readonly missing: string[],
  ) {
    super(`e-mail template ${template} is missing required variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    this.name = 'MissingTemplateVarsError';
  }
}

/** The names of the required variables of a template (what render checks). */
export function requiredVars(template: TemplateName): string[] {
  return Object.keys(TEMPLATES[template].required);
}

/**
 * Renders a notice, its words withheld when it is stamped with a sensitivity other than PUBLIC
 * (see redaction.ts). Templates are compiled once per (name, locale) and cached. Callers are checked
 * against `TemplateVars` by the compiler; at the send boundary the stored vars are cast to it, so
 * the required variables are checked here too: a missing one throws rather than printing nothing.
 */
export function render<T extends TemplateName>(template: T, locale: Locale, input: TemplateVars[T]): Rendered {
  const c = compiled(template, locale);
  // Every notice passes here: a case that is not PUBLIC is shown by its code and link only.
  const vars = normalizeVars(template, locale, redactVars(input as unknown as StoredVars));
  const missing = requiredVars(template).filter((k) => vars[k] === undefined || vars[k] === null);
  if (missing.length) throw new MissingTemplateVarsError(template, missing);
  const opts = { data: { locale } };
  const subject = c.subject(vars, opts).replace(/\s+/g, ' ').trim();
  const text = `${c
    .text(vars, opts)
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  const html = c.html ? c.html(vars, opts) : textToHtml(text, locale);
  return { subject, text, html };
}
