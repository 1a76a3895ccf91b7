// `kexplore snapshot`: save what kexplore reads, for offline use or a support ticket.
import { writeFile } from 'node:fs/promises';
import { serializeSnapshot } from '../cluster/snapshot-export.js';
import { UserError } from '../cluster/source-types.js';
import { sourceOptions, type CommonFlags } from './program.js';
import { loadOnce } from './sources.js';
import { writeAll } from './write.js';

export async function runSnapshot(flags: CommonFlags & { output?: string }): Promise<number> {
  const s = await loadOnce(sourceOptions(flags));
  const text = serializeSnapshot(s);
  if (!flags.output || flags.output === '-') {
    await writeAll(process.stdout, text);
    return 0;
  }
  try {
    await writeFile(flags.output, text, { mode: 0o600 });
  } catch (err) {
    throw new UserError(`cannot write ${flags.output}: ${err instanceof Error ? err.message : String(err)}`, 'choose a writable path', { cause: err });
  }
  process.stderr.write(`kexplore: wrote ${s.services.length} services, ${s.ingresses.length} ingresses, ${s.pods.length} pods to ${flags.output}\n`);
  return 0;
}
