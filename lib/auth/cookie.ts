export const SESSION_COOKIE = 'suivi_session';
export const SESSION_SLIDING_MS = 30 * 24 * 60 * 60 * 1000;
