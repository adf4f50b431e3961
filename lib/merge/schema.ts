import { z } from 'zod';
import { MERGE_KINDS } from '@/db/schema';

const idList = z
  .string({ error: 'merge.errors.invalidSelection' })
  .transform((s) => s.split(',').map((x) => Number(x.trim())))
  .pipe(z.array(z.number({ error: 'merge.errors.invalidSelection' }).int().positive()).min(2, { error: 'merge.errors.invalidSelection' }));

/**
 * The merge form: `ids` (all records shown), `survivorId` (a radio), `choice_<field>` = id of the record whose
 * value survives, `version_<id>` = the version the preview showed.
 */
export const mergeFormSchema = z
  .looseObject({
    kind: z.enum(MERGE_KINDS, { error: 'errors.invalidChoice' }),
    ids: idList,
    survivorId: z.coerce.number({ error: 'merge.errors.chooseSurvivor' }).int().positive({ error: 'merge.errors.chooseSurvivor' }),
  })
  .transform((v) => {
    const choices: Record<string, number> = {};
    const versions: Record<number, number> = {};
    for (const [k, raw] of Object.entries(v)) {
      if (typeof raw !== 'string' || !/^\d+$/.test(raw)) continue;
      if (k.startsWith('choice_')) choices[k.slice('choice_'.length)] = Number(raw);
      else if (/^version_\d+$/.test(k)) versions[Number(k.slice('version_'.length))] = Number(raw);
    }
    return { kind: v.kind, survivorId: v.survivorId, mergedIds: v.ids.filter((id) => id !== v.survivorId), choices, versions };
  });
