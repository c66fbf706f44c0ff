// The case's internal notes (standing body, leaders, assigned agencies): newest first, with older
// pages on demand, and a form whose @mentions (an e-mail address or a unit code) are sent as mentions.
import { ApiError, get, post } from '../api.js';
import { field, flash, form, h, loading, onSubmit, problemBox, submitButton } from '../dom.js';
import { formatDateTime, label, localName, t } from '../i18n.js';

/** Roles that may hold notes; the API answers 404 to any other, as for a case they cannot see. */
const NOTE_ROLES = ['triager', 'leader', 'agency'];

/** `@ten@coquan.gov.vn` or `@NNMT` in the text, without trailing punctuation. */
const MENTION = /(?:^|[\s(])@([^\s@()]+@[^\s@()]+\.[A-Za-z]{2,}|[A-Z0-9][A-Z0-9_-]+)(?=$|[\s.,;:!?)])/g;

export function mentionsIn(text) {
  const found = new Map();
  for (const m of text.matchAll(MENTION)) {
    const token = m[1];
    found.set(token.toLowerCase(), token.includes('@') ? { token, mention: { email: token } } : { token, mention: { unitCode: token } });
  }
  return [...found.values()];
}

export function notesSection(c, user) {
  if (!NOTE_ROLES.includes(user.role)) return null;
  const list = h('ol', { class: 'notes', 'data-testid': 'notes' });
  const more = h('div', { class: 'actions' });
  const status = h('div', {}, loading());
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'notes-title', 'data-testid': 'notes-section' },
    h('h2', { id: 'notes-title' }, t('notes.title')),
    h('p', { class: 'hint' }, t('notes.intro')),
    noteForm(c, () => load()),
    status,
    list,
    more,
  );

  async function load(cursor) {
    try {
      const page = await get(`/cases/${c.id}/notes`, { cursor, limit: 20 });
      if (!cursor) list.replaceChildren();
      list.append(...page.items.map(noteItem));
      status.replaceChildren(list.children.length ? '' : h('p', { class: 'empty' }, t('notes.none')));
      more.replaceChildren(page.nextCursor ? h('button', { type: 'button', class: 'btn', onclick: () => load(page.nextCursor) }, t('notes.more')) : '');
    } catch (error) {
      // A case whose notes are not the reader's (404) shows no notes section at all.
      if (error instanceof ApiError && error.status === 404) return section.remove();
      status.replaceChildren(problemBox(error, () => load(cursor)));
    }
  }
  void load();
  return section;
}

/** A unit's name as the notes API gives it ({ vi, en }) in the reader's language. */
const unitName = (name, code) => (name ? localName({ nameVi: name.vi, nameEn: name.en }) : code);

function noteItem(n) {
  const who = [n.author.fullName, label('role', n.author.role), n.authorUnit ? unitName(n.authorUnit.name, n.authorUnit.code) : null]
    .filter(Boolean)
    .join(' · ');
  const mentioned = n.mentions.map((x) => (x.kind === 'user' ? x.fullName : unitName(x.name, x.unitCode)));
  return h(
    'li',
    { class: 'note', 'data-note': n.id },
    h('p', { class: 'meta' }, h('time', { datetime: n.createdAt }, formatDateTime(n.createdAt)), ' · ', who),
    h('p', { class: 'note-body' }, n.body),
    mentioned.length ? h('p', { class: 'meta' }, `${t('notes.mentions')}: ${mentioned.join(', ')}`) : null,
  );
}

/** A list of those who may read the notes; the choice puts its @word into the text. */
function mentionPicker(c, formEl) {
  const id = `mention-pick-${c.id}`;
  const select = h('select', { id }, h('option', { value: '' }, '…'));
  const add = h('button', { type: 'button', class: 'btn btn-small', disabled: true }, t('notes.mentionAdd'));
  const box = h('div', { class: 'field mention-picker' }, h('label', { for: id }, t('notes.mentionPick')), h('div', { class: 'actions' }, select, add));
  get(`/cases/${c.id}/notes/mentionable`)
    .then(({ users, units }) => {
      select.replaceChildren(
        h('option', { value: '' }, `— ${t('notes.mentionPick')} —`),
        h('optgroup', { label: t('notes.people') }, ...users.map((u) => h('option', { value: `@${u.email}` }, `${u.fullName} (${label('role', u.role)})`))),
        h('optgroup', { label: t('notes.units') }, ...units.map((u) => h('option', { value: `@${u.code}` }, localName(u)))),
      );
      add.disabled = false;
    })
    .catch(() => box.remove());
  add.addEventListener('click', () => {
    const body = formEl.elements.namedItem('body');
    if (!select.value) return;
    body.value = `${body.value.trimEnd()}${body.value.trim() ? ' ' : ''}${select.value} `;
    body.focus();
  });
  return box;
}

function noteForm(c, reload) {
  const formEl = form(
    { class: 'stack', 'data-testid': 'note-form' },
    field({ name: 'body', label: t('notes.body'), kind: 'textarea', required: true, hint: t('notes.bodyHint'), attrs: { maxlength: 4000, rows: 3 } }),
  );
  formEl.append(mentionPicker(c, formEl), h('div', { class: 'actions' }, submitButton(t('notes.add'))));
  return onSubmit(formEl, async (v) => {
    const found = mentionsIn(v.body);
    let note;
    try {
      note = await post(`/cases/${c.id}/notes`, { body: v.body, mentions: found.map((f) => f.mention) });
    } catch (error) {
      // A refused mention is shown at the text, naming the @word the writer typed.
      if (error instanceof ApiError && /^MENTION_/.test(error.code)) {
        const why = t(error.code === 'MENTION_UNKNOWN' ? 'notes.mentionUnknown' : 'notes.mentionNotAllowed');
        error.errors = (error.errors ?? []).map((e) => ({ field: 'body', message: `@${found[Number(/\[(\d+)\]/.exec(e.field)?.[1])]?.token ?? ''}: ${why}` }));
      }
      throw error;
    }
    formEl.reset();
    const names = note.mentions.map((x) => (x.kind === 'user' ? x.fullName : x.unitCode));
    flash(names.length ? t('notes.addedMentions', { names: names.join(', ') }) : t('notes.added'));
    await reload();
  });
}
