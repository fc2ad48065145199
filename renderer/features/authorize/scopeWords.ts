/** "a, b c" → ["a", "b", "c"]: scopes as a person types them. */
export const scopesIn = (text: string): string[] => [...new Set(text.split(/[,\s]+/).filter(Boolean))];

/** Scopes asked for beyond the declared purpose. */
export const beyond = (asked: string[], declared: string[]): string[] => asked.filter((s) => !declared.includes(s));
