/** What the main area shows: the token list (home), the overview, discover, offboarding, the accounts' inventory, the report or the settings. */
export type View = 'tokens' | 'overview' | 'discover' | 'offboard' | 'inventory' | 'report' | 'settings';
