// The delegating unit's review of its delegates' answers (its assignment is DELEGATE_ANSWERED): each
// answer with its document, and three ways on — accept it as the unit's own, answer itself (the
// resolve form filled in from the answer), or send it back with a reason.
import { disclosure, field, form, h, onSubmit, submitButton } from '../dom.js';
import { formatDate, formatDateTime, label, localName, t } from '../i18n.js';
import { attachmentLink } from './case-attachments.js';

/**
 * The review section of an assignment panel. `send(action, body, message)` posts an assignment
 * action; `resolveForm(prefill)` is the agency panel's resolve form, filled in from an answer.
 */
export function delegateReview({ c, units }, a, { send, resolveForm }) {
  // This round's answers: those of delegates handed the case after it was last reopened.
  const reopened = c.events.filter((e) => e.type === 'REOPENED').at(-1)?.occurredAt;
  const answers = c.assignments.filter(
    (x) => x.parentAssignmentId === a.id && x.status === 'RESOLVED' && (!reopened || Date.parse(x.createdAt) > Date.parse(reopened)),
  );
  const unitOf = (code) => units.find((u) => u.code === code);
  const unitName = (code) => (unitOf(code) ? localName(unitOf(code)) : code);
  const fileOf = (ref) => (ref?.attachmentId ? (c.attachments ?? []).find((f) => f.id === ref.attachmentId) : null);
  // With several delegates the API needs to know which answer is meant.
  const which = (x) => (answers.length > 1 ? { delegateAssignmentId: x.id } : {});

  const items = answers.map((x) => {
    const file = fileOf(x.documentRef);
    const ref = x.documentRef;
    return h(
      'article',
      { class: 'delegate-answer', 'data-testid': 'delegate-answer', 'data-assignment': x.id },
      h('h3', {}, t('review.from', { unit: unitName(x.orgUnitCode) })),
      h(
        'p',
        { class: 'meta' },
        t('review.outcome', { outcome: label('outcome', x.outcome) }),
        x.resolvedAt ? ` · ${t('review.answeredAt', { time: formatDateTime(x.resolvedAt) })}` : null,
      ),
      x.resolutionSummary ? h('blockquote', {}, x.resolutionSummary) : null,
      ref
        ? h(
            'p',
            { class: 'meta' },
            t('case.document', { number: ref.number, date: formatDate(ref.date), issuer: ref.issuer }),
            ' ',
            file ? attachmentLink(file) : t('review.noFile'),
          )
        : null,
      acceptForm((note) => send('accept-delegate-answer', { ...which(x), note }, t('review.accepted'))),
      disclosure(
        t('review.edit'),
        h(
          'div',
          { class: 'stack' },
          h('p', { class: 'hint' }, t('review.editIntro')),
          file ? h('p', { class: 'hint' }, t('review.reuseFile', { name: file.filename })) : null,
          resolveForm({ outcome: x.outcome, summary: x.resolutionSummary, documentRef: ref, reuseAttachmentId: file?.id }),
        ),
      ),
      disclosure(
        t('review.returnAction'),
        returnForm((reason) => send('return-to-delegate', { ...which(x), reason }, t('review.returned', { unit: unitName(x.orgUnitCode) }))),
      ),
    );
  });
  return h(
    'section',
    { class: 'delegate-review stack', 'data-testid': 'delegate-review', 'aria-labelledby': `review-${a.id}` },
    h('h3', { id: `review-${a.id}` }, t('review.title')),
    h('p', { class: 'hint' }, t('review.intro')),
    items,
  );
}

function acceptForm(submit) {
  return onSubmit(
    form(
      { class: 'stack', 'data-testid': 'accept-delegate-form' },
      field({ name: 'note', label: t('review.acceptNote'), kind: 'textarea', attrs: { maxlength: 4000, rows: 2 } }),
      h('div', { class: 'actions' }, submitButton(t('review.accept'))),
    ),
    (v) => submit(v.note || undefined),
  );
}

function returnForm(submit) {
  return onSubmit(
    form(
      { class: 'stack', 'data-testid': 'return-to-delegate-form' },
      field({ name: 'reason', label: t('review.returnReason'), kind: 'textarea', required: true, attrs: { minlength: 3, maxlength: 4000, rows: 3 } }),
      h('div', { class: 'actions' }, submitButton(t('review.returnAction'))),
    ),
    (v) => submit(v.reason),
  );
}
