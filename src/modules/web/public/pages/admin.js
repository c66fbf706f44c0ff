// The administrator's start page: the sections they keep, the API documentation and the queue
// dashboard, opened with the admin's own session (a short-lived cookie only /admin/queues receives).
import { post } from '../api.js';
import { h, pageHeader, problemBox } from '../dom.js';
import { t } from '../i18n.js';
import { ADMIN_SECTIONS, adminNav } from './admin-common.js';

export function renderAdmin(view) {
  const openQueues = async (event) => {
    event.preventDefault();
    const link = event.currentTarget;
    link.setAttribute('aria-disabled', 'true');
    try {
      await post('/admin/queues/session');
      location.assign('/admin/queues');
    } catch (error) {
      link.removeAttribute('aria-disabled');
      link.after(problemBox(error));
    }
  };
  view.append(
    adminNav('/admin'),
    pageHeader(t('admin.title'), t('admin.intro')),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('admin.sections')),
      h(
        'ul',
        { class: 'link-list' },
        ADMIN_SECTIONS.map(([path, key]) => h('li', {}, h('a', { href: `#${path}` }, t(key)), ' — ', h('span', { class: 'meta' }, t(`${key}.hint`)))),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('admin.tools')),
      h(
        'ul',
        { class: 'link-list' },
        h('li', {}, h('a', { href: '/docs' }, t('admin.docs'))),
        h(
          'li',
          {},
          h('a', { href: '/admin/queues', onclick: openQueues, 'data-testid': 'open-queues' }, t('admin.queues')),
          ' — ',
          h('span', { class: 'meta' }, t('admin.queuesHint')),
        ),
      ),
    ),
  );
}
