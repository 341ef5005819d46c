import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { DB } from '~db/connection';
import { sha256 } from './tokens.server';

/**
 * lucia v3 adapter over Kysely. Session ids are hashed with SHA-256 before they touch the table, so a
 * copy of the database (a backup, a leaked file) holds no usable session. Sessions of suspended
 * members are never returned.
 */
export class KyselySessionAdapter implements Adapter {
  constructor(private readonly db: DB) {}

  async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.expires_at',
        'sessions.user_id',
        'users.status',
        'users.name',
        'users.email',
        'users.role',
        'users.is_mentor',
        'users.locale',
      ])
      .where('sessions.id', '=', sha256(sessionId))
      .executeTakeFirst();
    if (!row || row.status !== 'active') return [null, null];
    return [
      { id: sessionId, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
      {
        id: row.user_id,
        attributes: {
          name: row.name,
          email: row.email,
          role: row.role,
          is_mentor: row.is_mentor,
          locale: row.locale,
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'expires_at'])
      .where('user_id', '=', userId)
      .execute();
    // Only hashes are stored, so these ids identify rows but cannot be used as cookies.
    return rows.map((r) => ({ id: r.id, userId, expiresAt: new Date(r.expires_at), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: sha256(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt.getTime(),
        created_at: Date.now(),
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ expires_at: expiresAt.getTime() })
      .where('id', '=', sha256(sessionId))
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sha256(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
  }
}
