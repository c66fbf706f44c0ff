import type { EntityManager } from 'typeorm';
import type { Sensitivity } from '../cases/case.types.js';

/**
 * What a notice about a RESTRICTED or CONFIDENTIAL case may carry: its code and its link, never its
 * words. Those are the free-text variables below (the title, the triage summary, an agency's
 * question, reason or answer, a directive's text), in any spelling stored notices use (`caseSummary`,
 * `titleVi`, …), at the top of the notice and in the case lists of digests and hotspot warnings.
 */
const WORDS = new Set(['caseTitle', 'title', 'summary', 'caseSummary', 'question', 'text', 'reason', 'resolutionSummary', 'note', 'description']);
/** Variables that list several cases, each item with its own `caseCode`. */
const LISTS = ['items', 'cases'];

/** Shown instead; a locale pair, picked by the notice's locale when it is rendered. */
export const WITHHELD = {
  caseTitle: { vi: 'Vụ việc có nội dung hạn chế, xem trên hệ thống', en: 'Restricted case, see it in Concern Desk' },
  other: { vi: '(nội dung hạn chế, xem trên hệ thống)', en: '(restricted, see it in Concern Desk)' },
} as const;

const baseName = (key: string) => (/(Vi|En)$/.test(key) && WORDS.has(key.slice(0, -2)) ? key.slice(0, -2) : key);
const isWord = (key: string) => WORDS.has(baseName(key));

type Vars = Record<string, unknown>;

function withhold(v: Vars): Vars {
  const out: Vars = {};
  for (const [k, x] of Object.entries(v)) {
    if (!isWord(k) || x === null || x === undefined || x === '') out[k] = x;
    else out[k] = baseName(k) === 'caseTitle' ? WITHHELD.caseTitle : WITHHELD.other;
  }
  // The title is required by every case template: it says that it is withheld rather than nothing.
  if ('caseCode' in v && out.caseTitle === undefined) out.caseTitle = WITHHELD.caseTitle;
  return out;
}

/** Anything but PUBLIC hides the words; so does a sensitivity that is not known. */
const open = (s: unknown) => s === 'PUBLIC';

/**
 * Whether a notice may carry the case's words in its files too (a letter states the concerns): only
 * when it is stamped PUBLIC, by the same rule as its text.
 */
export const wordsMayTravel = (vars: Vars): boolean => open(vars.sensitivity);

/**
 * The one rule for what a notice shows of a case: a notice (or list item) stamped with a sensitivity
 * other than PUBLIC keeps its code and link and has its words replaced by a placeholder. Pure; the
 * sensitivity is stamped by `stampSensitivity` when the notice is recorded and again when it is sent.
 * A notice with no stamp (no case) is left as it is.
 */
export function redactVars(vars: Vars): Vars {
  let out: Vars = vars;
  if ('sensitivity' in vars && !open(vars.sensitivity)) out = withhold(vars);
  for (const list of LISTS) {
    const items = out[list];
    if (!Array.isArray(items)) continue;
    out = {
      ...out,
      [list]: items.map((i) => (i && typeof i === 'object' && 'sensitivity' in i && !open((i as Vars).sensitivity) ? withhold(i as Vars) : i)),
    };
  }
  return out;
}

/**
 * Reads the current sensitivity of the notice's case (by id, else by its code) and of every case its
 * lists name (by code), and stamps it on the variables. A case that cannot be found counts as
 * CONFIDENTIAL: the words stay hidden. Called when the notice is recorded and when it is sent, so a
 * case made confidential while its notice waited is sent without its words.
 */
export async function stampSensitivity(db: Pick<EntityManager, 'query'>, caseId: string | null, vars: Vars): Promise<Vars> {
  const top = typeof vars.caseCode === 'string' ? vars.caseCode : null;
  const listed = LISTS.flatMap((l) => (Array.isArray(vars[l]) ? (vars[l] as Vars[]) : []))
    .map((i) => (i && typeof i.caseCode === 'string' ? i.caseCode : null))
    .filter((c): c is string => c !== null);
  if (!caseId && !top && !listed.length) return vars;
  const codes = [...new Set([...(top ? [top] : []), ...listed])];
  const rows: Array<{ id: string; code: string; sensitivity: Sensitivity }> = await db.query(
    `SELECT id, code, sensitivity FROM cases WHERE id = $1::uuid OR code = ANY($2::text[])`,
    [caseId, codes],
  );
  const byCode = new Map(rows.map((r) => [r.code, r.sensitivity]));
  const out: Vars = { ...vars };
  if (caseId || top) out.sensitivity = (caseId ? rows.find((r) => r.id === caseId)?.sensitivity : byCode.get(top!)) ?? 'CONFIDENTIAL';
  for (const l of LISTS) {
    if (!Array.isArray(vars[l])) continue;
    out[l] = (vars[l] as Vars[]).map((i) => (i && typeof i.caseCode === 'string' ? { ...i, sensitivity: byCode.get(i.caseCode) ?? 'CONFIDENTIAL' } : i));
  }
  return out;
}
