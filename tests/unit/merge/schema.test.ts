import { describe, expect, test } from 'vitest';
import { mergeFormSchema } from '@/lib/merge/schema';

describe('mergeFormSchema', () => {
  test('collects ids, survivor, choices and versions from the form; the merged ids are the others', () => {
    const v = mergeFormSchema.parse({ kind: 'company', ids: '3,5,9', survivorId: '5', choice_name: '9', choice_phone: '3', version_3: '2', version_5: '1', version_9: '4', $ACTION_ID: 'x' });
    expect(v).toEqual({ kind: 'company', survivorId: 5, mergedIds: [3, 9], choices: { name: 9, phone: 3 }, versions: { 3: 2, 5: 1, 9: 4 } });
  });

  test('refuses fewer than two ids, a missing survivor or an unknown kind, with message keys', () => {
    expect(mergeFormSchema.safeParse({ kind: 'company', ids: '3', survivorId: '3' }).error?.issues[0].message).toBe('merge.errors.invalidSelection');
    expect(mergeFormSchema.safeParse({ kind: 'contact', ids: '3,4' }).error?.issues[0].message).toBe('merge.errors.chooseSurvivor');
    expect(mergeFormSchema.safeParse({ kind: 'invoice', ids: '3,4', survivorId: '3' }).success).toBe(false);
  });
});
