/** Small helpers the UI shares: the text of an error and the attributes of a polite live region. */

/** The text of something thrown, to show the admin (Dataverse's own message for a DataverseError). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A live region read out politely and whole whenever its text changes: `<div {...POLITE_STATUS}>`. */
export const POLITE_STATUS = { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } as const;
