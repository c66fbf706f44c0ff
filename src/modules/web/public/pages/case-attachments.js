// The case page's attachments: the files the reader may open, and, for the roles that may add one,
// a small upload form. Downloads go through the API (the token is in a header, not the link).
import { download, upload } from '../api.js';
import { UPLOAD_PURPOSES } from '../labels.js';
import { describeError, field, flash, form, h, onSubmit, submitButton, table } from '../dom.js';
import { formatDateTime, formatNumber, label, t } from '../i18n.js';
import { FINAL } from './case-actions.js';

/** What the file inputs offer; the API decides by content, not by name. */
export const ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx,.odt';

export function formatSize(bytes) {
  return bytes < 1024 * 1024 ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB` : `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

/** A button that downloads one attachment under its stored name. */
export function attachmentLink(a) {
  const button = h(
    'button',
    { type: 'button', class: 'link-button', 'data-attachment': a.id, 'aria-label': t('att.downloadName', { name: a.filename }) },
    a.filename,
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await download(`/attachments/${a.id}/content`, undefined, a.filename);
    } catch (error) {
      flash(describeError(error), 'error');
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** The files a timeline event used (the case's attachments linked to it). */
export function eventAttachments(c, e) {
  const used = (c.attachments ?? []).filter((a) => a.eventId === String(e.id));
  return used.length
    ? h(
        'p',
        { class: 'meta attachments-used' },
        `${t('att.linked')}: `,
        used.map((a, i) => [i ? ', ' : null, attachmentLink(a)]),
      )
    : null;
}

export function attachmentsSection(c, user, unitName, reload) {
  const items = c.attachments ?? [];
  const list = items.length
    ? table(
        [
          { title: t('att.file'), cell: (a) => attachmentLink(a) },
          { title: t('att.purpose'), cell: (a) => label('attachmentPurpose', a.purpose) },
          { title: t('att.size'), cell: (a) => formatSize(a.sizeBytes) },
          { title: t('att.uploaded'), cell: (a) => formatDateTime(a.uploadedAt) },
          { title: t('att.unit'), cell: (a) => (a.uploaderUnitCode ? unitName(a.uploaderUnitCode) : '—') },
        ],
        items,
        { className: 'attachments-table' },
      )
    : h('p', { class: 'empty' }, t('att.none'));
  const purposes = UPLOAD_PURPOSES[user.role] ?? [];
  // An agency attaches to its open work; once the case is answered it has none left.
  const open = !FINAL.includes(c.status) && !(user.role === 'agency' && c.status === 'RESOLVED');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'attachments-title', 'data-testid': 'attachments' },
    h('h2', { id: 'attachments-title' }, `${t('att.title')} (${items.length})`),
    list,
    purposes.length && open ? uploadForm(c, purposes, reload) : null,
  );
}

function uploadForm(c, purposes, reload) {
  const formEl = form(
    { class: 'stack upload-form', 'data-testid': 'upload-form' },
    h('h3', {}, t('att.uploadTitle')),
    h(
      'div',
      { class: 'grid-2' },
      field({ name: 'file', label: t('att.file'), type: 'file', required: true, hint: t('att.fileHint'), attrs: { accept: ACCEPT } }),
      field({
        name: 'purpose',
        label: t('att.purpose'),
        kind: 'select',
        required: true,
        value: purposes.length === 1 ? purposes[0] : '',
        options: [...(purposes.length > 1 ? [['', t('form.choose')]] : []), ...purposes.map((p) => [p, label('attachmentPurpose', p)])],
      }),
    ),
    h('div', { class: 'actions' }, submitButton(t('att.upload'))),
  );
  return onSubmit(formEl, async (v) => {
    const file = formEl.elements.namedItem('file').files[0];
    const added = await upload(`/cases/${c.id}/attachments`, file, { purpose: v.purpose });
    flash(t('att.done', { name: added.filename }));
    await reload();
  });
}
