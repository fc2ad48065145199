/** What the main area shows: the token list (home), or one of the other pages. */
export type View =
  | 'tokens'
  | 'overview'
  | 'reminders'
  | 'discover'
  | 'offboard'
  | 'inventory'
  | 'report'
  | 'team'
  | 'deleted'
  | 'settings';
