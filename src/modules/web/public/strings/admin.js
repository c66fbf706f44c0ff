// Interface strings of the admin screens, merged into i18n.js's tables (kept apart so each area edits its own file).
export default {
  vi: {},
  en: {},
};
