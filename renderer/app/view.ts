/** What the main area shows: the token list (home), the overview or the settings. */
export type View = 'tokens' | 'overview' | 'settings';
