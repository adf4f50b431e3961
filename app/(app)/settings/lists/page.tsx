import { createHash } from 'node:crypto';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { REF_KINDS, type RefKind } from '@/db/schema/customers';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { listRefValues, listTags, refUsage, tagUsage, usedBy } from '@/lib/reference/queries';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { TagBadge } from '@/components/ui/tag-badge';
import { EditTagForm, KeepFocus, MoveForm, NewRefValueForm, NewTagForm, RenameRefValueForm, RetireForm } from './list-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('reference.title') };
}

type Item = { id: number; name: string; retired: boolean };

/**
 * One value of a list: name, badge and usage, then up/down among the active values (the first and last
 * keep an empty slot so the buttons line up), retire or restore, and the edit disclosure below.
 */
function Row({ anchor, item, first, last, area, label, usage, edit }: {
  anchor: string;
  item: Item;
  first: boolean;
  last: boolean;
  area: 'ref' | 'tag';
  label: ReactNode;
  usage: string;
  edit: ReactNode;
}) {
  const slot = <span className="inline-block w-9" aria-hidden="true" />;
  return (
    <li id={anchor} className="scroll-mt-24 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            {label}
            <span className="text-sm text-slate-600">{usage}</span>
          </p>
        </div>
        <div className="flex items-center gap-1">
          {item.retired ? null : (
            <>
              {first ? slot : <MoveForm area={area} id={item.id} name={item.name} direction="up" />}
              {last ? slot : <MoveForm area={area} id={item.id} name={item.name} direction="down" />}
            </>
          )}
          <RetireForm area={area} id={item.id} name={item.name} retired={item.retired} />
        </div>
      </div>
      <div className="mt-1">{edit}</div>
    </li>
  );
}

/** First/last among the active values, which are listed before the retired ones. */
function ends<T extends Item>(items: T[], i: number) {
  const active = items.filter((x) => !x.retired).length;
  return { first: i === 0, last: i === active - 1 };
}

export default async function ReferenceListsPage() {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const db = getDb();
  const lists = REF_KINDS.map((kind) => ({ kind, values: listRefValues(db, kind, { includeRetired: true }), usage: refUsage(db, kind) }));
  const tags = listTags(db, { includeRetired: true });
  const tagUse = tagUsage(db);
  const retiredBadge = (retired: boolean) => (retired ? <Badge tone="amber">{t('reference.retired')}</Badge> : null);
  const count = (kind: RefKind, n: number) => t(`reference.usage.${usedBy(kind)}`, { count: n });
  const version = createHash('sha1')
    .update(JSON.stringify([lists.map((l) => l.values), tags]))
    .digest('base64url');

  return (
    <>
      <PageHeader title={t('reference.title')} description={t('reference.intro')} />
      <nav aria-label={t('reference.onThisPage')} className="mb-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          {[...REF_KINDS, 'tag' as const].map((k) => (
            <li key={k}>
              <a href={`#list-${k}`} className="font-medium text-brand-700 hover:underline">
                {t(`reference.kinds.${k}.title`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <KeepFocus version={version}>
        <div className="space-y-6">
          {lists.map(({ kind, values, usage }) => (
            <Card key={kind} id={`list-${kind}`} aria-labelledby={`list-${kind}-title`} className="scroll-mt-24">
              <CardTitle id={`list-${kind}-title`} description={t(`reference.kinds.${kind}.help`)}>
                {t(`reference.kinds.${kind}.title`)}
              </CardTitle>
              {values.length === 0 ? (
                <p className="text-sm text-slate-600">{t('reference.empty')}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {values.map((v, i) => (
                    <Row
                      key={v.id}
                      anchor={`ref-${v.id}`}
                      item={v}
                      {...ends(values, i)}
                      area="ref"
                      label={
                        <>
                          <span className={v.retired ? 'font-medium text-slate-500' : 'font-medium text-slate-900'}>{v.name}</span>
                          {retiredBadge(v.retired)}
                        </>
                      }
                      usage={count(kind, usage.get(v.id) ?? 0)}
                      edit={<RenameRefValueForm id={v.id} name={v.name} />}
                    />
                  ))}
                </ul>
              )}
              <div className="mt-4 border-t border-slate-200 pt-4">
                <NewRefValueForm kind={kind} />
              </div>
            </Card>
          ))}
          <Card id="list-tag" aria-labelledby="list-tag-title" className="scroll-mt-24">
            <CardTitle id="list-tag-title" description={t('reference.kinds.tag.help')}>
              {t('reference.kinds.tag.title')}
            </CardTitle>
            {tags.length === 0 ? (
              <p className="text-sm text-slate-600">{t('reference.empty')}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {tags.map((tag, i) => {
                  const use = tagUse.get(tag.id) ?? { companies: 0, contacts: 0 };
                  return (
                    <Row
                      key={tag.id}
                      anchor={`tag-${tag.id}`}
                      item={tag}
                      {...ends(tags, i)}
                      area="tag"
                      label={
                        <>
                          <TagBadge color={tag.color}>{tag.name}</TagBadge>
                          {retiredBadge(tag.retired)}
                        </>
                      }
                      usage={`${t('reference.usage.companies', { count: use.companies })} · ${t('reference.usage.contacts', { count: use.contacts })}`}
                      edit={<EditTagForm id={tag.id} name={tag.name} color={tag.color} />}
                    />
                  );
                })}
              </ul>
            )}
            <div className="mt-4 border-t border-slate-200 pt-4">
              <NewTagForm />
            </div>
          </Card>
        </div>
      </KeepFocus>
    </>
  );
}
