// The shell: session, header and navigation, and a hash router (#/triage, #/cases/<id>…).
import { get, onSessionExpired, session } from './api.js';
import { clearFlash, flash, h, loading, problemBox } from './dom.js';
import { getLang, label, setLang, t } from './i18n.js';
import { renderAdmin } from './pages/admin.js';
import { renderAdminTemplates } from './pages/admin-templates.js';
import { renderAdminCalendar } from './pages/admin-calendar.js';
import { renderAdminCategories } from './pages/admin-categories.js';
import { renderAdminPolicies } from './pages/admin-policies.js';
import { renderAdminProgrammes } from './pages/admin-programmes.js';
import { renderAdminRouting } from './pages/admin-routing.js';
import { renderAdminUnits } from './pages/admin-units.js';
import { renderAdminUsers } from './pages/admin-users.js';
import { renderInbox } from './pages/agency.js';
import { renderCase } from './pages/case.js';
import { renderSearch } from './pages/cases.js';
import { renderDashboard } from './pages/leader.js';
import { renderLogin } from './pages/login.js';
import { renderMyConcerns, renderNewConcern } from './pages/officer.js';
import { renderRegister } from './pages/register.js';
import { renderTriage } from './pages/triage.js';

const ALL = ['officer', 'triager', 'agency', 'leader', 'admin'];

// `nav` routes appear in the header of the roles that may open them, in this order.
const ROUTES = [
  { path: '/login', render: renderLogin, public: true },
  { path: '/officer/new', render: renderNewConcern, roles: ['officer', 'triager'], nav: 'nav.newConcern' },
  { path: '/officer/mine', render: renderMyConcerns, roles: ['officer'], nav: 'nav.myConcerns' },
  { path: '/triage', render: renderTriage, roles: ['triager'], nav: 'nav.triage' },
  { path: '/agency', render: renderInbox, roles: ['agency'], nav: 'nav.inbox' },
  { path: '/leader', render: renderDashboard, roles: ['leader'], nav: 'nav.dashboard' },
  { path: '/cases', render: renderSearch, roles: ['triager', 'agency', 'leader'], nav: 'nav.cases' },
  { path: '/cases/:id', render: renderCase, roles: ALL },
  { path: '/letters', render: renderRegister, roles: ['triager', 'leader'], nav: 'nav.register' },
  { path: '/admin', render: renderAdmin, roles: ['admin'], nav: 'nav.admin' },
  { path: '/admin/templates', render: renderAdminTemplates, roles: ['admin'] },
  ...[
    ['/admin/units', renderAdminUnits],
    ['/admin/users', renderAdminUsers],
    ['/admin/categories', renderAdminCategories],
    ['/admin/routing', renderAdminRouting],
    ['/admin/policies', renderAdminPolicies],
    ['/admin/calendar', renderAdminCalendar],
    ['/admin/programmes', renderAdminProgrammes],
  ].map(([path, render]) => ({ path, render, roles: ['admin'] })),
];

/** Where each role starts. */
const HOME = { officer: '/officer/new', triager: '/triage', agency: '/agency', leader: '/leader', admin: '/admin' };

let user = null;
let userToken = null;
let renderCount = 0;
let cleanup = null;

function parseHash() {
  const [path, qs] = (location.hash.replace(/^#/, '') || '/').split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(qs ?? '')) };
}

function match(path) {
  for (const route of ROUTES) {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const pattern = new RegExp(`^${route.path.replace(/:\w+/g, '([^/]+)')}$`);
    const m = pattern.exec(path);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

let keepFlashOnce = false;

/** Goes to a route; `keepFlash` leaves the last notice visible on the next page. */
function navigate(path, { keepFlash = false } = {}) {
  keepFlashOnce = keepFlash;
  if (location.hash === `#${path}`) void render();
  else location.hash = path;
}

/** The signed-in user, read once per token. */
async function loadUser() {
  const token = session.token;
  if (!token) return (user = null);
  if (userToken !== token) {
    user = await get('/auth/me');
    userToken = token;
  }
  return user;
}

function renderHeader(currentPath) {
  const header = document.getElementById('app-header');
  const switchButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-ghost lang-switch',
      lang: getLang() === 'vi' ? 'en' : 'vi',
      'aria-label': t('app.switchLangLabel'),
      onclick: switchLanguage,
    },
    t('app.switchLang'),
  );
  const brand = h(
    'a',
    { class: 'brand', href: user ? `#${HOME[user.role]}` : '#/login' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '★'),
    h('span', {}, t('app.short')),
  );
  if (!user) {
    header.replaceChildren(h('div', { class: 'header-bar' }, brand, h('div', { class: 'header-tools' }, switchButton)));
    return;
  }
  const links = ROUTES.filter((r) => r.nav && r.roles.includes(user.role)).map((r) =>
    h('li', {}, h('a', { href: `#${r.path}`, 'aria-current': currentPath === r.path ? 'page' : null }, t(r.nav))),
  );
  header.replaceChildren(
    h(
      'div',
      { class: 'header-bar' },
      brand,
      h(
        'div',
        { class: 'header-tools' },
        h(
          'span',
          { class: 'user', 'data-testid': 'current-user' },
          h('strong', {}, user.fullName),
          h('span', { class: 'user-role' }, label('role', user.role)),
        ),
        switchButton,
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: logout }, t('app.logout')),
      ),
    ),
    h('nav', { class: 'main-nav', 'aria-label': t('app.mainNav') }, h('ul', {}, links)),
  );
}

function switchLanguage() {
  setLang(getLang() === 'vi' ? 'en' : 'vi');
  document.getElementById('skip-link').textContent = t('app.skip');
  void render({ keepFlash: true, fromLanguageSwitch: true });
}

function logout() {
  session.end();
  clearFlash();
  navigate('/login');
}

async function render({ keepFlash = false, fromLanguageSwitch = false } = {}) {
  const current = ++renderCount;
  cleanup?.();
  cleanup = null;
  if (!keepFlash && !keepFlashOnce) clearFlash();
  keepFlashOnce = false;
  const main = document.getElementById('main');
  const { path, query } = parseHash();
  const found = match(path);

  let me;
  try {
    me = await loadUser();
  } catch (error) {
    if (current !== renderCount) return;
    renderHeader(path);
    main.replaceChildren(problemBox(error, () => render()));
    return;
  }
  if (current !== renderCount) return;
  if (!me) {
    if (!found?.route.public) return navigate(`/login${found ? `?next=${encodeURIComponent(path)}` : ''}`, { keepFlash: true });
  } else if (!found || found.route.public) {
    return navigate(HOME[me.role], { keepFlash: true });
  }

  renderHeader(found.route.nav ? path : null);
  if (found.route.roles && !found.route.roles.includes(me.role)) {
    main.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, t('app.notAllowed')));
    return;
  }
  main.replaceChildren(loading());
  const view = h('div', { class: 'view' });
  const ctx = { user: me, params: found.params, query, navigate, signedIn };
  try {
    cleanup = (await found.route.render(view, ctx)) ?? null;
  } catch (error) {
    view.replaceChildren(problemBox(error, () => render()));
  }
  if (current !== renderCount) return cleanup?.();
  main.replaceChildren(view);
  // Move focus to the new page's heading, as a full page load would; a language switch keeps it on the switch.
  if (fromLanguageSwitch) document.querySelector('.lang-switch')?.focus();
  else (view.querySelector('h1') ?? main).focus();
}

/** After a successful login: remember the token and go where the user was heading. */
async function signedIn(token, next) {
  session.start(token);
  const me = await loadUser();
  navigate(next && match(next)?.route.roles?.includes(me.role) ? next : HOME[me.role]);
}

onSessionExpired(() => {
  flash(t('app.sessionExpired'), 'error');
  navigate(`/login?next=${encodeURIComponent(parseHash().path)}`, { keepFlash: true });
});

// The skip link must not go through the router.
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});
document.getElementById('skip-link').textContent = t('app.skip');
window.addEventListener('hashchange', () => render());
void render();
