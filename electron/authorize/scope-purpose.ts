/** Scopes asked for that the declared purpose does not name: least privilege asks for none of them without a warning first. */
export const beyondPurpose = (asked: string[], declared: string[]): string[] =>
  asked.filter((s) => !declared.includes(s));

/** The warning a person sees before Lapse asks an issuer for more than the token's purpose. */
export function widerWarning(beyond: string[], declared: string[]): string {
  return (
    `This asks for ${beyond.join(', ')}, beyond the token's declared purpose (${declared.join(', ') || 'no scopes'}). ` +
    'A token should hold no more than its purpose needs: ask only for the declared scopes, or confirm the wider purpose (--yes in the CLI, Confirm in the window) and the purpose follows.'
  );
}
