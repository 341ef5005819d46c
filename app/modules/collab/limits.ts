/** Limits shared by forms (client) and the server. */
export const MAX_COMMENT = 5000;
export const MAX_SNAPSHOT_NAME = 120;
