// The agency's side of the case page: its own assignment on the case and what it can do with it now.
import { ifMatch, post, upload } from '../api.js';
import { clockBadge, deadlineBadge, describeError, disclosure, field, flash, form, h, onSubmit, requiredNote, submitButton } from '../dom.js';
import { label, localName, options, t, todayInVietnam } from '../i18n.js';
import { panel, textActionForm } from './case-actions.js';
import { ACCEPT } from './case-attachments.js';
import { withTemplatePicker } from './template-picker.js';
import { delegateReview } from './case-review.js';

/** Outcomes that say the matter was answered: the signed reply must be attached. */
const NEEDS_DOCUMENT = ['RESOLVED', 'PARTIALLY_RESOLVED'];

const OPEN = ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'NEEDS_INFO', 'DELEGATED', 'DELEGATE_ANSWERED'];
const WORKING = ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS'];
const ACKNOWLEDGED = ['ACKNOWLEDGED', 'IN_PROGRESS'];

export async function renderAgencyPanel(ctx) {
  const { c, user, units } = ctx;
  // The unit's own assignments come with the case (never from the inbox, which is paged).
  const myUnit = units.find((u) => u.id === user.orgUnitId);
  const mine = c.assignments.filter((a) => a.orgUnitCode === myUnit?.code && OPEN.includes(a.status)).map((a) => ({ ...a, caseId: c.id }));
  return mine.map((a) => assignmentPanel(ctx, a, myUnit));
}

/** Units below `unit` in the org tree (a department or a commune People's Committee under the UBND). */
function unitsBelow(units, unit) {
  const below = [];
  const walk = (code) => {
    for (const u of units.filter((x) => x.parentCode === code && x.active)) {
      below.push(u);
      walk(u.code);
    }
  };
  if (unit) walk(unit.code);
  return below;
}

function assignmentPanel({ c, units, act }, a, myUnit) {
  // Each action says what was done, then where the case now stands.
  const send = (action, body, message) =>
    act(
      // If-Match: the case as this page showed it; moved on since, the API answers 412 and act() reloads.
      () => post(`/assignments/${a.id}/${action}`, body, action === 'extensions' ? undefined : ifMatch(c.version)),
      (r) => [message, r.caseStatus ? t('agencyPanel.caseNow', { status: label('caseStatus', r.caseStatus) }) : null].filter(Boolean).join(' '),
    );
  const due = a.status === 'ASSIGNED' ? a.acknowledgeDueAt : a.resolveDueAt;
  const children = [
    h('p', {}, t('agencyPanel.status', { status: label('assignmentStatus', a.status) }), ' · ', t(`role.${a.role}`)),
    h(
      'p',
      {},
      h('span', { class: 'deadline-kind' }, t(a.status === 'ASSIGNED' ? 'case.ackDue' : 'case.resolveDue')),
      ' ',
      (a.status === 'ASSIGNED' ? a.acknowledgeClock : a.clock) ? clockBadge(a.status === 'ASSIGNED' ? a.acknowledgeClock : a.clock) : deadlineBadge(due),
    ),
  ];

  if (a.status === 'ASSIGNED') {
    const acknowledge = h('button', { type: 'button', class: 'btn btn-primary' }, t('agencyPanel.acknowledge'));
    acknowledge.addEventListener('click', async () => {
      acknowledge.disabled = true;
      try {
        await send('acknowledge', {}, t('agencyPanel.acknowledged'));
      } catch (error) {
        acknowledge.disabled = false;
        flash(describeError(error), 'error');
      }
    });
    children.push(h('div', { class: 'actions' }, acknowledge));
  }
  if (a.status === 'DELEGATE_ANSWERED') {
    const resolveWith = (prefill) => resolveForm(myUnit, c, a, (body) => send('resolve', body, t('agencyPanel.resolved')), prefill);
    children.push(delegateReview({ c, units }, a, { send, resolveForm: resolveWith }));
  }
  if (ACKNOWLEDGED.includes(a.status)) {
    children.push(
      disclosure(
        t('agencyPanel.resolve'),
        resolveForm(myUnit, c, a, (body) => send('resolve', body, t('agencyPanel.resolved'))),
      ),
    );
    children.push(
      disclosure(
        t('agencyPanel.progress'),
        withTemplatePicker(
          textActionForm({
            name: 'note',
            text: t('agencyPanel.progressNote'),
            minLength: 1,
            submit: t('action.send'),
            send: (note) => send('progress', { note }, t('agencyPanel.progressSent')),
          }),
          'note',
          { c, purpose: 'AGENCY_ANSWER', agency: myUnit },
        ),
      ),
    );
  }
  if (WORKING.includes(a.status)) {
    children.push(
      disclosure(
        t('agencyPanel.requestInfo'),
        textActionForm({
          name: 'question',
          text: t('action.question'),
          submit: t('action.send'),
          send: (question) => send('request-info', { question }, t('agencyPanel.infoRequested')),
        }),
      ),
    );
    const below = unitsBelow(units, myUnit);
    if (below.length)
      children.push(
        disclosure(
          t('agencyPanel.delegate'),
          delegateForm(below, (body) =>
            send('delegate', body, t('agencyPanel.delegated', { unit: localName(below.find((u) => u.code === body.toOrgUnitCode)) })),
          ),
        ),
      );
    children.push(
      disclosure(
        t('agencyPanel.return'),
        textActionForm({
          name: 'reason',
          text: t('agencyPanel.returnReason'),
          submit: t('agencyPanel.return'),
          send: (reason) => send('return', { reason }, t('agencyPanel.returned')),
        }),
      ),
    );
  }
  children.push(
    disclosure(
      t('agencyPanel.extension'),
      extensionForm((body) => send('extensions', body, t('agencyPanel.extensionSent'))),
    ),
  );
  if (!WORKING.includes(a.status) && a.status !== 'DELEGATE_ANSWERED') children.push(h('p', { class: 'hint' }, t('agencyPanel.waiting')));
  return panel(`${t('agencyPanel.title')}: ${localName(myUnit)}`, children);
}

/**
 * The answer: outcome, summary, the official reply's reference and, when resolved, its signed file,
 * uploaded first (once: a retry after a refused answer reuses it) and named in documentRef.
 * `prefill` (a delegate's answer under review) fills it in; its signed file is used when none is chosen.
 */
function resolveForm(myUnit, c, a, submit, prefill = {}) {
  let uploaded = null;
  const formEl = onSubmit(
    form(
      { class: 'stack', 'data-testid': 'resolve-form' },
      requiredNote(),
      field({
        name: 'outcome',
        label: t('agencyPanel.outcome'),
        kind: 'select',
        required: true,
        value: prefill.outcome,
        options: [['', t('form.choose')], ...options('outcome')],
      }),
      field({
        name: 'summary',
        label: t('agencyPanel.resolutionSummary'),
        kind: 'textarea',
        required: true,
        value: prefill.summary,
        attrs: { minlength: 3, maxlength: 8000, rows: 4 },
      }),
      h(
        'fieldset',
        { class: 'group' },
        h('legend', {}, t('agencyPanel.document')),
        field({
          name: 'documentRef.number',
          label: t('agencyPanel.docNumber'),
          required: true,
          value: prefill.documentRef?.number,
          hint: t('agencyPanel.docNumberHint'),
          attrs: { maxlength: 100 },
        }),
        h(
          'div',
          { class: 'grid-2' },
          field({
            name: 'documentRef.date',
            label: t('agencyPanel.docDate'),
            type: 'date',
            required: true,
            value: prefill.documentRef?.date ?? todayInVietnam(),
            attrs: { max: todayInVietnam(), 'data-not-future': '' },
          }),
          field({
            name: 'documentRef.issuer',
            label: t('agencyPanel.docIssuer'),
            required: true,
            value: prefill.documentRef?.issuer ?? localName(myUnit),
            attrs: { maxlength: 300 },
          }),
        ),
        field({ name: 'file', label: t('agencyPanel.docFile'), type: 'file', hint: t('agencyPanel.docFileHint'), attrs: { accept: ACCEPT } }),
      ),
      // The form's one primary button, named apart from the button that opened the form.
      h('div', { class: 'actions' }, submitButton(t('agencyPanel.resolveSubmit'))),
    ),
    async (v) => {
      const file = formEl.elements.namedItem('file').files[0];
      let attachmentId = prefill.reuseAttachmentId;
      if (file) {
        if (uploaded?.file !== file)
          uploaded = { file, id: (await upload(`/cases/${c.id}/attachments`, file, { purpose: 'ANSWER_DOCUMENT', assignmentId: a.id })).id };
        attachmentId = uploaded.id;
      }
      return submit({
        outcome: v.outcome,
        summary: v.summary,
        documentRef: { number: v['documentRef.number'], date: v['documentRef.date'], issuer: v['documentRef.issuer'], attachmentId },
      });
    },
    (v) => (NEEDS_DOCUMENT.includes(v.outcome) && !v.file && !prefill.reuseAttachmentId ? [{ field: 'file', message: t('agencyPanel.docFileRequired') }] : []),
  );
  return withTemplatePicker(formEl, 'summary', { c, purpose: 'AGENCY_ANSWER', agency: myUnit });
}

function delegateForm(below, submit) {
  return onSubmit(
    form(
      { class: 'stack' },
      field({
        name: 'toOrgUnitCode',
        label: t('agencyPanel.delegateTo'),
        kind: 'select',
        required: true,
        options: [['', t('form.choose')], ...below.map((u) => [u.code, localName(u)])],
      }),
      field({ name: 'note', label: t('agencyPanel.delegateNote'), kind: 'textarea', attrs: { maxlength: 4000, rows: 2 } }),
      h('div', { class: 'actions' }, submitButton(t('agencyPanel.delegate'))),
    ),
    (v) => submit({ toOrgUnitCode: v.toOrgUnitCode, note: v.note || undefined }),
  );
}

function extensionForm(submit) {
  return onSubmit(
    form(
      { class: 'stack' },
      field({
        name: 'days',
        label: t('agencyPanel.extensionDays'),
        type: 'number',
        required: true,
        attrs: { min: 1, max: 365, step: 1, inputmode: 'numeric' },
      }),
      field({ name: 'reason', label: t('agencyPanel.extensionReason'), kind: 'textarea', required: true, attrs: { minlength: 3, maxlength: 4000, rows: 2 } }),
      h('div', { class: 'actions' }, submitButton(t('agencyPanel.extension'))),
    ),
    (v) => submit({ days: Number(v.days), reason: v.reason }),
  );
}
