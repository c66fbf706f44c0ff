// Small DOM helpers: elements, labelled form fields, validation messages, badges, notices.
// Text always goes in through textContent, so nothing the API returns is ever parsed as HTML.
import { ApiError } from './api.js';
import { formatDate, formatNumber, label, t, todayInVietnam } from './i18n.js';

/** h('p', { class: 'x', onclick: fn }, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

let ids = 0;
function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** The page's heading; focused after navigation so screen readers start there. */
export function pageHeader(title, intro) {
  document.title = `${title} — ${t('app.short')}`;
  return h('header', { class: 'page-header' }, h('h1', { tabindex: '-1' }, title), intro ? h('p', { class: 'lead' }, intro) : null);
}

/**
 * A labelled control with its hint and error slot, wired with aria-describedby.
 * kind: input (default), textarea, select. `options`: [[value, label]] or [{ group, options }].
 */
export function field({ name, label: text, kind = 'input', type = 'text', required = false, hint, options, value, attrs = {}, placeholder }) {
  // Dates are typed as Vietnamese documents write them, whatever the browser's locale (a date
  // input shows mm/dd/yyyy on an English browser): a text field read back as YYYY-MM-DD.
  const dated = kind === 'input' && (type === 'date' || type === 'datetime-local');
  if (dated) {
    const withTime = type === 'datetime-local';
    // A text field has no min or max: the checks below (data-not-future) and the API's say it.
    const rest = { ...attrs };
    delete rest.max;
    delete rest.min;
    attrs = {
      inputmode: 'numeric',
      autocomplete: 'off',
      pattern: withTime ? '\\d{1,2}/\\d{1,2}/\\d{4}( \\d{1,2}:\\d{2})?' : '\\d{1,2}/\\d{1,2}/\\d{4}',
      'data-date': withTime ? 'datetime' : 'day',
      ...rest,
    };
    placeholder = withTime ? t('date.placeholderTime') : t('date.placeholder');
    hint = [hint, t(withTime ? 'date.hintTime' : 'date.hint')].filter(Boolean).join(' ');
    value = withTime ? formatDayTimeInput(value) : formatDayInput(value);
    type = 'text';
  }
  const id = uid(name.replace(/\W/g, '-'));
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = { id, name, required, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attrs };
  let control;
  if (kind === 'textarea') control = h('textarea', { rows: 5, ...common }, value ?? '');
  else if (kind === 'select') control = h('select', common, selectOptions(options, value));
  else control = h('input', { type, value: value ?? '', placeholder, ...common });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, text, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

function selectOptions(options, selected) {
  return (options ?? []).map((o) => {
    if (o && o.group) return h('optgroup', { label: o.group }, selectOptions(o.options, selected));
    const [value, text] = o;
    return h('option', { value, selected: value === selected }, text);
  });
}

/** A group of checkboxes sharing one name, in a fieldset with a legend. items: [[value, label, checked]] */
export function checkboxes({ name, legend, items }) {
  return h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, legend),
    items.map(([value, text, checked]) => {
      const id = uid(name);
      return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name, value, checked: Boolean(checked) }), h('label', { for: id }, text));
    }),
    h('p', { class: 'field-error', hidden: true }),
  );
}

export function submitButton(text, attrs = {}) {
  return h('button', { type: 'submit', class: 'btn btn-primary', ...attrs }, text);
}

/** A form with an error summary slot (announced) above its fields. */
export function form(attrs, ...children) {
  return h('form', { novalidate: true, ...attrs }, h('div', { class: 'form-errors', role: 'alert', hidden: true }), children);
}

/** The line that explains the asterisk of required fields. */
export function requiredNote() {
  return h('p', { class: 'hint' }, h('span', { class: 'req', 'aria-hidden': 'true' }, '* '), t('form.requiredNote'));
}

/** The trimmed values of a form: { name: string } and, for checkbox groups, { name: string[] }. */
function values(formEl) {
  const out = {};
  for (const el of formEl.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') {
      out[el.name] ??= [];
      if (el.checked) out[el.name].push(el.value);
    } else out[el.name] = el.dataset.date ? readDate(el) : el.value.trim();
  }
  return out;
}

const DAY_TEXT = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$/;

/** `05/12/2026` (or 5-12-2026, 5.12.2026) → `2026-12-05`; null when it is no real day. */
export function parseDay(text) {
  const m = DAY_TEXT.exec(String(text ?? '').trim());
  if (!m || m[4] !== undefined) return null;
  return realDay(m[3], m[2], m[1]);
}

/** `05/12/2026 14:30` → `2026-12-05T14:30` (wall time, as a datetime-local input gave it); a day alone is its midnight. */
export function parseDayTime(text) {
  const m = DAY_TEXT.exec(String(text ?? '').trim());
  if (!m) return null;
  const day = realDay(m[3], m[2], m[1]);
  const [hh, mm] = [Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (!day || hh > 23 || mm > 59) return null;
  return `${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

function realDay(y, m, d) {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2026-12-05` → `05/12/2026`, for a date field's value. */
export function formatDayInput(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

function formatDayTimeInput(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : (local ?? '');
}

/** A date field's value as the API reads it (YYYY-MM-DD, or YYYY-MM-DDTHH:mm); text that is no date stays as typed, for check() to name. */
function readDate(el) {
  const value = el.value.trim();
  if (!value) return '';
  return (el.dataset.date === 'datetime' ? parseDayTime(value) : parseDay(value)) ?? value;
}

/** Checks what the browser knows (required, lengths, numbers, e-mail) and answers in the reader's language. */
function check(el) {
  const value = el.value.trim();
  if (el.required && !value) return el.tagName === 'SELECT' ? t('v.requiredChoice') : t('v.required');
  if (!value) return null;
  if (el.minLength > 0 && value.length < el.minLength) return t('v.minLength', { n: el.minLength });
  if (el.maxLength > 0 && value.length > el.maxLength) return t('v.maxLength', { n: el.maxLength });
  if (el.type === 'number') {
    const n = Number(value);
    if (!Number.isInteger(n)) return t('v.number');
    if (el.min !== '' && n < Number(el.min)) return t('v.min', { n: el.min });
    if (el.max !== '' && n > Number(el.max)) return t('v.max', { n: el.max });
  }
  if (el.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return t('v.email');
  if (el.dataset.pattern && !new RegExp(el.dataset.pattern).test(value)) return t(el.dataset.patternMessage);
  if (el.dataset.date) {
    const read = readDate(el);
    if (read === value) return t('v.date');
    // A day is compared as a day in Vietnam: Date.parse reads '2026-12-02' as midnight UTC, 07:00 in
    // Vietnam, so from midnight to 07:00 there today's date was refused as "not yet come".
    if (el.dataset.notFuture !== undefined && (el.dataset.date === 'day' ? read > todayInVietnam() : Date.parse(read) > Date.now())) return t('v.future');
  }
  return null;
}

function validate(formEl) {
  const errors = [];
  for (const el of formEl.elements) {
    if (!el.name || el.disabled || el.type === 'checkbox' || el.type === 'submit') continue;
    const message = check(el);
    if (message) errors.push({ field: el.name, message });
  }
  return errors;
}

function clearErrors(formEl) {
  formEl.querySelector('.form-errors').hidden = true;
  for (const p of formEl.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const el of formEl.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/**
 * Shows errors next to their fields (matched by name, e.g. `reporter.phone`, `supportingAgencies[1]`)
 * and in the summary; `general` is a message about the whole form. Focus goes to the first bad field.
 */
function showErrors(formEl, errors, general) {
  const summary = formEl.querySelector('.form-errors');
  const items = [];
  let first = null;
  for (const { field: name, message } of errors) {
    const target = formEl.elements.namedItem(name) ?? formEl.elements.namedItem(name.replace(/\[\d+\]$/, ''));
    const control = target instanceof RadioNodeList ? target[0] : target;
    const slot = control?.closest('.field, .checks')?.querySelector('.field-error');
    if (control && slot) {
      control.setAttribute('aria-invalid', 'true');
      slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
      slot.hidden = false;
      first ??= control;
      const labelText =
        control.closest('.field')?.querySelector('label')?.firstChild?.textContent ?? control.closest('.checks')?.querySelector('legend')?.textContent;
      const jump = (event) => {
        event.preventDefault(); // the hash belongs to the router
        control.focus();
      };
      items.push(h('li', {}, h('a', { href: `#${control.id}`, onclick: jump }, `${labelText}: ${message}`)));
    } else {
      items.push(h('li', {}, name ? `${name}: ${message}` : message));
    }
  }
  summary.replaceChildren(h('p', { class: 'form-errors-title' }, general ?? t('form.errorsTitle')), items.length ? h('ul', {}, items) : null);
  summary.hidden = false;
  if (first) first.focus();
  else {
    summary.tabIndex = -1;
    summary.focus();
  }
}

/**
 * The sentence a person reads for an API error: the API's message, already in the reader's
 * language (api.js sends Accept-Language), and never a code. Without one (no network, a proxy's
 * page) the interface's own words for the code, or a general sentence.
 */
export function describeError(error) {
  if (!(error instanceof ApiError)) return t('error.generic');
  if (error.code === 'NETWORK') return t('error.network');
  if (error.code === 'LOGIN_LOCKED') return t('login.locked', { minutes: Math.ceil((error.problem.retryAfterSeconds ?? 60) / 60) });
  if (typeof error.detail === 'string' && error.detail.trim()) return error.detail;
  const known = t(`error.code.${error.code}`);
  return known.startsWith('error.code.') ? t('error.generic') : known;
}

/** Refusals that mean the page showed a case as it no longer is: reload it, then say why. */
export function isRefusal(error) {
  return error instanceof ApiError && [409, 412, 422].includes(error.status);
}

/**
 * Wires a form: our own checks first, then `action(values)`; API field errors land next to their fields.
 * The submit button is disabled while the request runs, so a double click sends once.
 */
export function onSubmit(formEl, action, extraChecks) {
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(formEl);
    const v = values(formEl);
    const errors = [...validate(formEl), ...(extraChecks?.(v) ?? [])];
    if (errors.length) return showErrors(formEl, errors);
    const buttons = formEl.querySelectorAll('button[type=submit]');
    for (const b of buttons) b.disabled = true;
    formEl.setAttribute('aria-busy', 'true');
    try {
      await action(v, event.submitter);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(formEl, error.errors, describeError(error));
    } finally {
      for (const b of buttons) b.disabled = false;
      formEl.removeAttribute('aria-busy');
    }
  });
  return formEl;
}

/** A visible, announced notice above the page (success or failure of the last action). */
export function flash(content, kind = 'success') {
  const box = document.getElementById('flash');
  box.className = `flash flash-${kind}`;
  box.replaceChildren(h('p', { 'data-testid': 'flash' }, content));
  box.hidden = false;
}

export function clearFlash() {
  const box = document.getElementById('flash');
  box.hidden = true;
  box.replaceChildren();
}

/** A loading or error state inside a section; the error offers a retry. */
export function problemBox(error, retry) {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', {}, describeError(error)),
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, t('error.retry')) : null,
  );
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('app.loading'));
}

export function statusBadge(status) {
  return h('span', { class: `badge status status-${status.toLowerCase().replace(/_/g, '-')}`, 'data-status': status }, label('caseStatus', status));
}

export function priorityBadge(priority) {
  return h('span', { class: `badge priority priority-${priority.toLowerCase()}` }, label('priority', priority));
}

const DAY = 86_400_000;
/**
 * A deadline in words and colour: overdue red, due within two days amber, otherwise green.
 * `done` (the work is finished) shows a neutral badge.
 */
export function deadlineBadge(dueAt, done = false) {
  if (done) return h('span', { class: 'badge deadline deadline-done' }, t('deadline.met'));
  if (!dueAt) return h('span', { class: 'badge deadline deadline-none' }, t('deadline.none'));
  const left = new Date(dueAt).getTime() - Date.now();
  const date = formatDate(dueAt);
  let kind;
  let text;
  if (left < 0) {
    const days = Math.floor(-left / DAY);
    kind = 'overdue';
    text = days >= 1 ? t('deadline.overdue', { n: days }) : t('deadline.overdueToday');
  } else if (left < 2 * DAY) {
    const days = Math.floor(left / DAY);
    kind = 'soon';
    text = days === 0 ? t('deadline.today') : t('deadline.soon', { n: days });
  } else {
    kind = 'ok';
    text = t('deadline.ok', { n: Math.floor(left / DAY) });
  }
  return h('span', { class: `badge deadline deadline-${kind}`, 'data-urgency': kind }, `${text} · ${t('deadline.until', { date })}`);
}

const WORKING_DAY_S = 86_400;

/**
 * A deadline clock from the API (`clock`: state, due instant, working time used, allowed, paused)
 * in words: working days left, paused and why, late by, on time. Its title explains the figures.
 */
export function clockBadge(clock) {
  if (!clock) return deadlineBadge(null);
  const days = (s) => Math.floor(Math.abs(s) / WORKING_DAY_S);
  let kind;
  let text;
  if (clock.state === 'PAUSED') {
    kind = 'paused';
    text = t(clock.pauseReasons.includes('INFO_REQUESTED') ? 'clock.pausedInfo' : 'clock.pausedExtension');
  } else if (clock.state === 'MET') {
    kind = 'done';
    text = t('clock.met');
  } else if (clock.state === 'STOPPED') {
    kind = 'none';
    text = t('clock.stopped');
  } else if (clock.state === 'BREACHED') {
    kind = 'overdue';
    const n = days(clock.lateWorkingSeconds);
    if (clock.metAt) text = n >= 1 ? t('clock.metLate', { n }) : t('clock.metLateToday');
    else text = n >= 1 ? t('clock.overdue', { n }) : t('clock.overdueToday');
  } else {
    const left = clock.remainingWorkingSeconds;
    kind = left < 2 * WORKING_DAY_S ? 'soon' : 'ok';
    text = left < WORKING_DAY_S ? t('clock.lessThanDay') : t('clock.left', { n: days(left) });
  }
  const explain = t('clock.explain', {
    used: formatWorkingDays(clock.usedWorkingSeconds),
    allowed: formatWorkingDays(clock.allowedWorkingSeconds),
    paused: formatWorkingDays(clock.pausedWorkingSeconds),
  });
  // Open or late clocks name their due date; one met in time or stopped says so alone.
  const open = kind !== 'done' && kind !== 'none';
  return h(
    'span',
    { class: `badge deadline deadline-${kind}`, 'data-urgency': kind, 'data-state': clock.state, title: explain },
    open ? `${text} · ${t('deadline.until', { date: formatDate(clock.dueAt) })}` : text,
  );
}

function formatWorkingDays(seconds) {
  return formatNumber(seconds / WORKING_DAY_S, 1);
}

export function deadlineUrgency(dueAt) {
  if (!dueAt) return 'none';
  const left = new Date(dueAt).getTime() - Date.now();
  return left < 0 ? 'overdue' : left < 2 * DAY ? 'soon' : 'ok';
}

/**
 * A button that shows and hides a panel (aria-expanded); used for the action forms so that a page
 * shows what can be done without a wall of forms.
 */
export function disclosure(text, content, { variant = '' } = {}) {
  const panelId = uid('panel');
  const panel = h('div', { class: 'disclosure-panel', id: panelId, hidden: true }, content);
  const button = h('button', { type: 'button', class: `btn ${variant}`, 'aria-expanded': 'false', 'aria-controls': panelId }, text);
  button.addEventListener('click', () => {
    const show = panel.hidden;
    panel.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
    if (show) panel.querySelector('input, select, textarea')?.focus();
  });
  return h('div', { class: 'disclosure' }, button, panel);
}

/**
 * A table; columns: [{ title, cell(row) }]. Its wrapper scrolls sideways on a narrow screen, so it
 * is a named region that takes focus: a keyboard reaches and scrolls it too (WCAG 2.1.1).
 */
export function table(columns, rows, { caption, className = '', label: regionLabel } = {}) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': regionLabel ?? caption ?? t('dashboard.tableRegion') },
    h(
      'table',
      { class: `table ${className}` },
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.className }, c.title)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.className, 'data-label': c.title }, c.cell(row))),
          ),
        ),
      ),
    ),
  );
}
