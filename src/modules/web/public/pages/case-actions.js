// Pieces of the case page's action panels shared by the roles' panels.
import { get, ifMatch, post } from '../api.js';
import { field, flash, form, h, loading, onSubmit, problemBox, statusBadge } from '../dom.js';
import { formatDate, label, t } from '../i18n.js';

/** Statuses in which no work remains. */
export const FINAL = ['CLOSED', 'REJECTED', 'MERGED'];

/** One short form (a question, a reason, a note) sent to a case action. */
export function textActionForm({ name, text, required = true, minLength = 3, submit, send }) {
  return onSubmit(
    form(
      { class: 'stack' },
      field({ name, label: text, kind: 'textarea', required, attrs: { minlength: required ? minLength : null, maxlength: 4000, rows: 3 } }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, submit)),
    ),
    (v) => send(v[name] || undefined),
  );
}

/** A titled box on the side of the case page. */
export function panel(title, ...children) {
  return h('section', { class: 'card action-panel', 'aria-label': title }, h('h2', {}, title), children);
}

/** The last request for information on the case (what an answer must address). */
export function lastInfoRequest(c) {
  return [...c.events].reverse().find((e) => e.type === 'INFO_REQUESTED')?.payload ?? null;
}

export function provideInfoPanel({ c, act }) {
  const question = lastInfoRequest(c)?.question;
  return panel(
    t('action.provideInfo'),
    question ? h('blockquote', {}, question) : null,
    textActionForm({
      name: 'answer',
      text: t('action.answer'),
      minLength: 1,
      submit: t('action.send'),
      send: (answer) =>
        act(
          () => post(`/cases/${c.id}/provide-info`, { answer }, ifMatch(c.version)),
          (r) => t('case.done', { status: label('caseStatus', r.status) }),
        ),
    }),
  );
}

/** Open cases that look like the same issue; the triage desk may merge this case into one of them. */
export async function similarPanel({ c, navigate }, canMerge) {
  const section = panel(t('similar.title'), h('p', { class: 'hint' }, t(canMerge ? 'similar.introMerge' : 'similar.intro')));
  const body = h('div', { 'data-testid': 'similar' }, loading());
  section.append(body);
  let items;
  try {
    ({ items } = await get(`/cases/${c.id}/similar`));
  } catch (error) {
    body.replaceChildren(problemBox(error));
    return section;
  }
  if (!items.length) {
    body.replaceChildren(h('p', { class: 'empty' }, t('similar.none')));
    return section;
  }
  const merge = async (other, button) => {
    if (!window.confirm(t('similar.confirm', { from: c.code, into: other.code }))) return;
    button.disabled = true;
    try {
      await post(`/cases/${c.id}/merge`, { intoCaseId: other.id }, ifMatch(c.version));
      flash(t('similar.merged', { code: other.code }));
      navigate(`/cases/${other.id}`, { keepFlash: true });
    } catch (error) {
      button.disabled = false;
      body.prepend(problemBox(error));
    }
  };
  body.replaceChildren(
    h(
      'ul',
      { class: 'similar' },
      items.map((s) =>
        h(
          'li',
          {},
          h('a', { href: `#/cases/${s.id}` }, h('span', { class: 'case-code' }, s.code), ' ', s.title),
          h('p', { class: 'meta' }, statusBadge(s.status), ` ${formatDate(s.createdAt)} · ${t('case.concernCount')}: ${s.concernCount}`),
          canMerge
            ? h('button', { type: 'button', class: 'btn btn-small', onclick: (e) => merge(s, e.currentTarget) }, t('similar.merge', { code: s.code }))
            : null,
        ),
      ),
    ),
  );
  return section;
}
