import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * One owner per table: `cases` is written only by CaseRepository and `assignment` only by
 * AssignmentRepository, so every write to the case aggregate runs in one place, next to the case
 * lock. dependency-cruiser sees imports, not SQL; this scan sees the SQL.
 */
const OWNERS: Record<string, string> = {
  cases: 'src/modules/cases/case.repository.ts',
  assignment: 'src/modules/cases/assignment.repository.ts',
  // Other modules log reads through AccessLogService.record.
  access_log: 'src/modules/audit/access-log.service.ts',
  // The register of outgoing documents and its counters: numbers are taken and written in one place.
  outgoing_document: 'src/modules/letters/forwarding-letters.service.ts',
  outgoing_document_counter: 'src/modules/letters/forwarding-letters.service.ts',
  // The issued copies of the letters' files, kept on their first rendering.
  outgoing_document_file: 'src/modules/letters/letter-files.ts',
  // Uploads, links to events, the merge's hand-over and extracted text all go through the repository.
  attachment: 'src/modules/attachments/attachment.repository.ts',
  // Internal working notes (append-only) and the reply templates of the categories.
  case_note: 'src/modules/notes/notes.service.ts',
  reply_template: 'src/modules/organisation/reply-templates.service.ts',
  // Each user's saved views of the list pages.
  saved_view: 'src/modules/cases/saved-views.service.ts',
};
/** The composition root's demo seed may write reference rows as it likes (it writes no cases today). */
const ALLOWED = [/^src\/seed\//];

const TABLE = `(?:public\\.)?"?(${Object.keys(OWNERS).join('|')})"?`;
// The keyword pair, then what only SQL puts after it (a column list, SELECT, VALUES; an optional alias
// before SET), so prose such as "update cases when…" does not count.
const WRITES = [
  new RegExp(`\\bINSERT\\s+INTO\\s+${TABLE}\\s*(?:\\(|SELECT\\b|VALUES\\b|DEFAULT\\b)`, 'gi'),
  new RegExp(`\\bUPDATE\\s+(?:ONLY\\s+)?${TABLE}(?:\\s+(?:AS\\s+)?(?!SET\\b)[a-z_]\\w*)?\\s+SET\\b`, 'gi'),
];

/** The tables `text` writes, with the line of each write. */
export function tableWrites(text: string): Array<{ table: string; line: number }> {
  const found: Array<{ table: string; line: number }> = [];
  for (const re of WRITES) {
    for (const m of text.matchAll(re)) found.push({ table: m[1].toLowerCase(), line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('table owners', () => {
  it('recognises the ways the code writes these tables, and not prose', () => {
    expect(tableWrites(`UPDATE assignment s SET escalation_level = $2`)).toEqual([{ table: 'assignment', line: 1 }]);
    expect(tableWrites(`x\n  update\n    cases t\n   set status = $2`)).toEqual([{ table: 'cases', line: 2 }]);
    expect(tableWrites(`UPDATE "cases" AS c SET x = 1`)).toEqual([{ table: 'cases', line: 1 }]);
    expect(tableWrites(`INSERT INTO assignment (case_id) VALUES ($1)`)).toEqual([{ table: 'assignment', line: 1 }]);
    expect(tableWrites(`c AS (\n  INSERT INTO cases\n (id, code)`)).toEqual([{ table: 'cases', line: 2 }]);
    expect(tableWrites(`INSERT INTO public.cases SELECT * FROM x`)).toEqual([{ table: 'cases', line: 1 }]);
    expect(tableWrites(`UPDATE cases SET a = 1; UPDATE assignment p SET b = 2`)).toHaveLength(2);
    // Other tables, reads, and English.
    expect(tableWrites(`UPDATE concern SET case_id = $2; INSERT INTO case_event (case_id) VALUES ($1)`)).toEqual([]);
    expect(tableWrites(`INSERT INTO assignment_history (id) VALUES ($1); UPDATE cases_archive SET x = 1`)).toEqual([]);
    expect(tableWrites(`SELECT id FROM cases WHERE id = $1 FOR UPDATE NOWAIT`)).toEqual([]);
    expect(tableWrites(`// Reopening should update cases when the agencies answer, then set the status.`)).toEqual([]);
  });

  it('only the owning module writes cases, assignment, access_log, attachment and the register', () => {
    const root = process.cwd();
    const offenders = sourceFiles(join(root, 'src'))
      .map((file) => relative(root, file).split(sep).join('/'))
      .filter((file) => !file.endsWith('table-owners.spec.ts') && !ALLOWED.some((re) => re.test(file)))
      .flatMap((file) =>
        tableWrites(readFileSync(join(root, file), 'utf8'))
          .filter((w) => OWNERS[w.table] !== file)
          .map((w) => `${file}:${w.line} writes ${w.table} (only ${OWNERS[w.table]} may)`),
      );
    expect(offenders).toEqual([]);
  });

  it('finds the owners themselves (so the scan is looking at the right files)', () => {
    const root = process.cwd();
    for (const [table, file] of Object.entries(OWNERS)) {
      expect(tableWrites(readFileSync(join(root, file), 'utf8')).some((w) => w.table === table)).toBe(true);
    }
  });
});
