// The walls of ARCHITECTURE.md, checked by `npm run deps`. Dependencies run one way:
// intake → cases → routing → deadlines → notifications; reports reads; infrastructure is plumbing
// under all of them; the composition root (app/worker modules, entity list, seed, CLI) wires them.

/** Files that may import any module: the composition root and the tests. */
const ROOT = ['^src/(main|worker|app\\.module|worker\\.module|app\\.factory|entities)\\.ts$', '^src/cli/', '^src/seed/', '^test/'];

/** `to` paths that name none of these modules (a module may import itself). */
const modules = (...names) => `^src/modules/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'infrastructure-imports-no-module',
      comment:
        'Infrastructure is shared plumbing: what it needs from a module (an entity list, a decorator) is handed in by the root or lives in infrastructure.',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter (undefined at import time) and hides which module owns what.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'cases-not-downstream',
      comment: 'cases is upstream of routing, deadlines and notifications; it talks to them through events.',
      severity: 'error',
      from: { path: '^src/modules/cases/' },
      to: { path: modules('intake', 'routing', 'deadlines', 'notifications', 'reports', 'programmes', 'attachments') },
    },
    {
      name: 'attachments-after-cases',
      comment:
        'attachments sits just below cases (with auth, audit, organisation): routing uses it for the signed answer document; it reaches the case reads through CaseAttachmentsPort and the timeline through CaseTransitions.observe.',
      severity: 'error',
      from: { path: '^src/modules/attachments/' },
      to: { path: modules('intake', 'routing', 'deadlines', 'notifications', 'reports', 'programmes') },
    },
    {
      name: 'notifications-not-upstream',
      comment: 'notifications is the end of the flow: it is told what to send, it does not reach back.',
      severity: 'error',
      from: { path: '^src/modules/notifications/' },
      to: { path: modules('routing', 'deadlines', 'intake', 'reports') },
    },
    {
      name: 'deadlines-not-to-notifications',
      comment: 'deadlines raises events (reminders, escalations); notifications consumes them.',
      severity: 'error',
      from: { path: '^src/modules/deadlines/' },
      to: { path: modules('notifications', 'reports', 'intake') },
    },
    {
      name: 'routing-not-to-notifications',
      comment: 'routing raises events (assigned, returned); notifications consumes them.',
      severity: 'error',
      from: { path: '^src/modules/routing/' },
      to: { path: modules('notifications', 'reports', 'intake') },
    },
    {
      name: 'letters-not-downstream',
      comment:
        'letters is called by routing in its transaction and read by notifications for the files; it imports neither, nor deadlines (the clocks come through the cases port) or reports.',
      severity: 'error',
      from: { path: '^src/modules/letters/' },
      to: { path: modules('routing', 'deadlines', 'notifications', 'reports', 'programmes', 'web') },
    },
    {
      name: 'notes-not-downstream',
      comment:
        'notes sits after cases (whose visibility rule it applies): a mention becomes a note-mentions job that notifications consumes, so notes imports no notifications, nor routing, deadlines or reports.',
      severity: 'error',
      from: { path: '^src/modules/notes/' },
      to: { path: modules('intake', 'routing', 'deadlines', 'notifications', 'reports', 'programmes', 'letters', 'attachments', 'web') },
    },
    {
      name: 'only-the-root-imports-reports',
      comment: 'reports pulls from the timeline; nothing pushes to it or depends on it.',
      severity: 'error',
      from: { pathNot: ['^src/modules/reports/', ...ROOT] },
      to: { path: '^src/modules/reports/' },
    },
    {
      name: 'modules-not-to-root-or-tests',
      comment: 'The root wires modules, not the other way round; product code never imports test code.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: ROOT },
    },
    {
      name: 'not-to-dev-dependency',
      comment: 'Product code runs where only dependencies are installed (the demo CLI loads smtp-server on purpose, dynamically).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.spec\\.ts$', '^src/cli/demo-mail\\.ts$'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package (and would blind the rules above).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^src/modules/web/public/'] },
    // Type-only imports count: they still couple a module to another's shape.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
