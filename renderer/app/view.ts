/** What the main area shows: the token list (home), the overview, discover, offboarding, the report, the team or the settings. */
export type View = 'tokens' | 'overview' | 'discover' | 'offboard' | 'report' | 'team' | 'settings';
