/** What the right-hand panel shows. */
export type Panel =
  | { kind: 'none' }
  | { kind: 'detail'; id: string; takeFocus: boolean }
  | { kind: 'edit'; id: string }
  | { kind: 'add' };

export const noPanel: Panel = { kind: 'none' };
