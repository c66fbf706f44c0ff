// Administrators work through the API; this page points them to its tools.
import { h, pageHeader } from '../dom.js';
import { t } from '../i18n.js';

export function renderAdmin(view) {
  view.append(
    pageHeader(t('admin.title'), t('admin.intro')),
    h(
      'ul',
      { class: 'link-list' },
      h('li', {}, h('a', { href: '/docs' }, t('admin.docs'))),
      h('li', {}, h('a', { href: '/admin/queues' }, t('admin.queues'))),
      h('li', {}, h('a', { href: '#/admin/templates' }, t('adminTemplates.link'))),
    ),
  );
}
