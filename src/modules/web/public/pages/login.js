import { post } from '../api.js';
import { field, form, h, onSubmit, pageHeader, submitButton } from '../dom.js';
import { t } from '../i18n.js';

export function renderLogin(view, { query, signedIn }) {
  const loginForm = onSubmit(
    form(
      { class: 'card stack', 'aria-labelledby': 'login-title' },
      field({
        name: 'email',
        label: t('login.email'),
        type: 'email',
        required: true,
        attrs: { autocomplete: 'username', maxlength: 254, autocapitalize: 'none', spellcheck: 'false' },
      }),
      field({ name: 'password', label: t('login.password'), type: 'password', required: true, attrs: { autocomplete: 'current-password', maxlength: 200 } }),
      h('div', { class: 'actions' }, submitButton(t('login.submit'))),
    ),
    async ({ email, password }) => {
      const { accessToken } = await post('/auth/login', { email, password });
      await signedIn(accessToken, query.next);
    },
  );
  const header = pageHeader(t('login.title'), t('login.intro'));
  header.querySelector('h1').id = 'login-title';
  view.append(h('div', { class: 'narrow' }, header, loginForm));
}
