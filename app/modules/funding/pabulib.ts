/**
 * Pabulib's `.pb` format (http://pabulib.org/format): three `;`-separated sections, META, PROJECTS and
 * VOTES, with CSV-style quoting. We read it to test our count against published results and write it so
 * anyone can recount a members' vote with pabutools or equalshares.net.
 */
export interface PbFile {
  meta: Record<string, string>;
  projects: Record<string, string>[];
  votes: Record<string, string>[];
}

function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parsePb(text: string): PbFile {
  const file: PbFile = { meta: {}, projects: [], votes: [] };
  let section: 'META' | 'PROJECTS' | 'VOTES' | null = null;
  let header: string[] | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const upper = raw.trim().toUpperCase();
    if (upper === 'META' || upper === 'PROJECTS' || upper === 'VOTES') {
      section = upper;
      header = null;
      continue;
    }
    const cells = splitLine(raw);
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    if (section === 'META') file.meta[row.key] = row.value;
    else if (section === 'PROJECTS') file.projects.push(row);
    else if (section === 'VOTES') file.votes.push(row);
  }
  return file;
}

function cell(value: string | number): string {
  const s = String(value).replace(/[\r\n]+/g, ' ');
  return /[;"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface PbWriteInput {
  meta: Record<string, string | number>;
  projects: { id: string; cost: number; name: string; selected?: boolean }[];
  /** Voter ids must be opaque (never member ids): the file is public. */
  votes: { voterId: string; approved: string[] }[];
}

export function writePb(input: PbWriteInput): string {
  const counts = new Map<string, number>();
  for (const v of input.votes) for (const p of v.approved) counts.set(p, (counts.get(p) ?? 0) + 1);
  const meta = {
    ...input.meta,
    num_projects: input.projects.length,
    num_votes: input.votes.length,
    vote_type: 'approval',
  };
  const lines = ['META', 'key;value', ...Object.entries(meta).map(([k, v]) => `${cell(k)};${cell(v)}`)];
  const withSelected = input.projects.some((p) => p.selected !== undefined);
  lines.push('PROJECTS', withSelected ? 'project_id;cost;votes;name;selected' : 'project_id;cost;votes;name');
  for (const p of input.projects) {
    const row = [p.id, p.cost, counts.get(p.id) ?? 0, p.name];
    if (withSelected) row.push(p.selected ? 1 : 0);
    lines.push(row.map(cell).join(';'));
  }
  lines.push('VOTES', 'voter_id;vote');
  for (const v of input.votes) lines.push(`${cell(v.voterId)};${cell(v.approved.join(','))}`);
  return lines.join('\n') + '\n';
}
