export type Locale = 'ru' | 'en';
