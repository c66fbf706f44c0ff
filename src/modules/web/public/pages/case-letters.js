// The case's forwarding letters (công văn chuyển): each with its DOCX and PDF, and for the triage
// desk a new letter to the agencies still working on the case (a reminder, after a re-route).
import { download, get, post } from '../api.js';
import { disclosure, field, flash, form, h, onSubmit, problemBox, submitButton, table } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { FINAL } from './case-actions.js';

const LIVE = ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'DELEGATED', 'DELEGATE_ANSWERED'];

/** A button that fetches one of the letter's files with the session's token. */
function fileButton(letter, format) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small',
      'aria-label': t('letters.downloadLabel', { number: letter.numberText, format: format.toUpperCase() }),
      onclick: async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
          const name = await download(`/letters/${letter.id}/content`, { format }, `Cong-van-${letter.number}.${format}`);
          flash(t('letters.downloaded', { name }));
        } catch (error) {
          button.after(problemBox(error));
        } finally {
          button.disabled = false;
        }
      },
    },
    t(format === 'docx' ? 'letters.downloadDocx' : 'letters.downloadPdf'),
  );
}

export async function lettersSection(c, user, act) {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'letters-title', 'data-testid': 'letters' },
    h('h2', { id: 'letters-title' }, t('letters.title')),
  );
  let items;
  try {
    ({ items } = await get(`/cases/${c.id}/letters`));
  } catch (error) {
    section.append(problemBox(error));
    return section;
  }
  section.append(
    items.length
      ? table(
          [
            { title: t('letters.number'), cell: (l) => l.numberText },
            { title: t('letters.date'), cell: (l) => formatDate(l.issuedAt) },
            { title: t('letters.to'), cell: (l) => l.recipients.map((r) => r.name).join('; ') },
            { title: t('letters.signer'), cell: (l) => [l.signer.authority, l.signer.title, l.signer.name].filter(Boolean).join(' – ') },
            { title: t('letters.files'), cell: (l) => h('span', { class: 'actions' }, fileButton(l, 'pdf'), ' ', fileButton(l, 'docx')) },
          ],
          items,
          { className: 'letters-table' },
        )
      : h('p', { class: 'empty' }, t('letters.none')),
  );
  const live = c.assignments.some((a) => !a.parentAssignmentId && LIVE.includes(a.status));
  if (user.role === 'triager' && live && !FINAL.includes(c.status)) {
    const issueForm = onSubmit(
      form(
        { class: 'stack' },
        h('p', { class: 'hint' }, t('letters.issueIntro')),
        field({ name: 'requestedAction', label: t('letters.requestedAction'), kind: 'textarea', attrs: { maxlength: 2000, rows: 3 } }),
        h('div', { class: 'actions' }, submitButton(t('letters.issueSubmit'))),
      ),
      (v) =>
        act(
          () => post(`/cases/${c.id}/letters`, v.requestedAction ? { requestedAction: v.requestedAction } : {}),
          (letter) => t('letters.issued', { number: letter.numberText }),
        ),
    );
    section.append(disclosure(t('letters.issue'), issueForm));
  }
  return section;
}
