/** The locale part of a job key (and record) for content types without i18n. */
export const NO_LOCALE = 'default';
