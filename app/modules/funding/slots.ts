/** Conversations before applying (issue 14.2): the choices the forms show (safe for the browser). */
export const SLOT_MODES = ['in-person', 'phone', 'video', 'whatsapp'] as const;
export const SLOT_MINUTES = [15, 20, 30, 45] as const;
export const SLOT_DETAILS_MAX = 300;
export const SLOT_NOTE_MAX = 300;
