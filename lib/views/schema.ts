import { z } from 'zod';
import { VIEW_AREAS } from '@/db/schema/views';
import { checkbox } from '@/lib/forms';
import { COLUMNS } from './columns';

const optionalId = z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), z.coerce.number().int().positive().nullable());

export const viewConfigSchema = z.object({
  columns: z.array(z.string().max(40)).max(Math.max(...Object.values(COLUMNS).map((c) => c.length))),
  filters: z.record(z.string().max(40), z.string().max(200)),
  /** Checked against the area's sorts by the service (cleanSort). */
  sort: z.string().max(20).optional(),
});

/** The "Save this view" form: the current list query string saved under a name. */
export const saveViewSchema = z.object({
  id: optionalId,
  area: z.enum(VIEW_AREAS, { error: 'errors.invalidChoice' }),
  name: z
    .string()
    .trim()
    .min(1, { error: 'errors.required' })
    .max(80, { error: 'errors.tooLong' }),
  teamId: optionalId,
  isDefault: checkbox,
  query: z.string().max(2000, { error: 'errors.tooLong' }).default(''),
});
export type SaveViewForm = z.infer<typeof saveViewSchema>;
