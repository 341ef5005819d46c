import { db } from '~db/connection';

/** Network-wide settings that stewards control. Stored as JSON values by key. */
export interface NetworkSettings {
  membersCanInvite: boolean;
  /**
   * Governance: the quorum, as a number of voters, for proposals that set none of their own. Initially
   * two, as Companies Act 2006 s318(2) sets for general meetings unless the articles say otherwise.
   */
  governanceQuorumVoters: number;
}

const DEFAULTS: NetworkSettings = { membersCanInvite: false, governanceQuorumVoters: 2 };

export async function getNetworkSettings(): Promise<NetworkSettings> {
  const rows = await db.selectFrom('network_settings').selectAll().execute();
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const r of rows) out[r.key] = JSON.parse(r.value);
  return out as unknown as NetworkSettings;
}

export async function updateNetworkSettings(patch: Partial<NetworkSettings>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      await trx
        .insertInto('network_settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }
  });
}

export async function audit(entry: { actorId: string | null; action: string; subjectType: string; subjectId: string; details?: Record<string, unknown> }) {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
      created_at: Date.now(),
    })
    .execute();
}
