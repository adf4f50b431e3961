export const LOCALE_COOKIE = 'suivi_locale';
