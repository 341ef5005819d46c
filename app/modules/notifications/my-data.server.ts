import { db } from '~db/connection';
import type { Transaction } from 'kysely';
import type { Database } from '~db/schema';

/** "Your data", notifications part: what the workspace told the member, and their email choices. */
export async function notificationsData(userId: string) {
  const [notifications, prefs] = await Promise.all([
    db.selectFrom('notifications').select(['kind', 'params', 'link', 'created_at', 'read_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db.selectFrom('notification_prefs').select(['kind', 'email']).where('user_id', '=', userId).execute(),
  ]);
  return {
    notifications: notifications.map((n) => ({ ...n, params: JSON.parse(n.params) as unknown })),
    emailPreferences: prefs.map((p) => ({ kind: p.kind, email: p.email === 1 })),
  };
}

/** Account deletion: the member's notifications and email choices go. */
export async function eraseNotifications(trx: Transaction<Database>, userId: string) {
  await trx.deleteFrom('notifications').where('user_id', '=', userId).execute();
  await trx.deleteFrom('notification_prefs').where('user_id', '=', userId).execute();
}
