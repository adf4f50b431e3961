import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ViewArea } from '@/db/schema';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/input-class';
import { COLUMNS, paramsFromConfig, type ViewConfig } from '@/lib/views/columns';
import type { SavedView } from '@/lib/views/queries';
import type { Option } from '@/lib/customers/options';
import { saveViewAction } from './actions';
import { readNotice } from './notices';

const chip = (active: boolean) =>
  `inline-flex items-center gap-1 rounded-full px-3 py-1 text-sm ring-1 ring-inset ${active ? 'bg-brand-50 font-semibold text-brand-800 ring-brand-300' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`;

/** The views a user may open: the built-in ones, their own and those shared with their teams. */
export async function ViewsBar({ area, views, active, builtIn }: { area: ViewArea; views: SavedView[]; active: SavedView | null; builtIn: { label: string; href: string; current: boolean }[] }) {
  const t = await getTranslations();
  return (
    <nav aria-label={t('views.title')} className="mb-4 flex flex-wrap items-center gap-2">
      <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('views.title')}</span>
      {builtIn.map((b) => (
        <Link key={b.href} href={b.href} className={chip(!active && b.current)} aria-current={!active && b.current ? 'page' : undefined}>
          {b.label}
        </Link>
      ))}
      {views.map((v) => {
        const p = paramsFromConfig(area, v.config);
        p.set('view', String(v.id));
        return (
          <Link key={v.id} href={`/${area}?${p.toString()}`} className={chip(active?.id === v.id)} aria-current={active?.id === v.id ? 'page' : undefined}>
            {v.name}
            {v.isDefault ? <span className="text-xs text-slate-500">({t('views.default')})</span> : null}
            {!v.mine ? <span className="text-xs text-slate-500">· {t('views.sharedBy', { name: v.ownerName })}</span> : v.teamName ? <span className="text-xs text-slate-500">· {t('views.sharedWith', { team: v.teamName })}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}

export async function NoticeBanner({ sp }: { sp: Record<string, string | undefined> }) {
  const t = await getTranslations();
  const n = readNotice(sp);
  if (!n) return null;
  return n.kind === 'ok' ? (
    <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t(n.key, n.values)}</p>
  ) : (
    <p className="mb-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800" role="alert">{t(n.key, n.values)}</p>
  );
}

/** "Save this view" (the current query string under a name) and, for the owner, changes to the view on screen. */
export async function ViewForms({ area, query, active, teams }: { area: ViewArea; query: string; active: SavedView | null; teams: Option[] }) {
  const t = await getTranslations();
  const teamSelect = (value: string) => (
    <label className="block text-xs font-medium text-slate-600">
      {t('views.save.share')}
      <select name="teamId" defaultValue={value} className={`${inputClass} mt-1`}>
        <option value="">{t('views.save.private')}</option>
        {teams.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="flex flex-wrap gap-4">
      <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer text-sm font-semibold text-slate-800">{t('views.save.title')}</summary>
        <form action={saveViewAction} className="mt-3 grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="area" value={area} />
          <input type="hidden" name="query" value={query} />
          <input type="hidden" name="op" value="create" />
          <label className="block text-xs font-medium text-slate-600">
            {t('views.save.name')}
            <input name="name" required maxLength={80} className={`${inputClass} mt-1`} />
          </label>
          {teamSelect('')}
          <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
            <input type="checkbox" name="isDefault" className="size-4 rounded border-slate-300" />
            {t('views.save.isDefault')}
          </label>
          <div className="sm:col-span-2">
            <button type="submit" className={buttonClass('primary')}>
              {t('views.save.submit')}
            </button>
          </div>
        </form>
      </details>
      {active?.mine ? (
        <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer text-sm font-semibold text-slate-800">{t('views.manage.title', { name: active.name })}</summary>
          <form action={saveViewAction} className="mt-3 grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="area" value={area} />
            <input type="hidden" name="query" value={query} />
            <input type="hidden" name="id" value={active.id} />
            <label className="block text-xs font-medium text-slate-600">
              {t('views.save.name')}
              <input name="name" required maxLength={80} defaultValue={active.name} className={`${inputClass} mt-1`} />
            </label>
            {teamSelect(active.teamId ? String(active.teamId) : '')}
            <div className="flex flex-wrap gap-2 sm:col-span-2">
              <button type="submit" name="op" value="update" className={buttonClass('primary')}>
                {t('views.manage.update')}
              </button>
              <button type="submit" name="op" value={active.isDefault ? 'undefault' : 'default'} formNoValidate className={buttonClass('secondary')}>
                {active.isDefault ? t('views.manage.clearDefault') : t('views.manage.makeDefault')}
              </button>
              <button type="submit" name="op" value="delete" formNoValidate className={buttonClass('danger')}>
                {t('views.manage.delete')}
              </button>
            </div>
          </form>
        </details>
      ) : null}
    </div>
  );
}

/** A GET form: ticked columns with their order numbers; the page turns it into `cols=…`. Works without JavaScript. */
export async function ColumnsChooser({ area, config, labels }: { area: ViewArea; config: ViewConfig; labels: Record<string, string> }) {
  const t = await getTranslations();
  const keep = paramsFromConfig(area, { ...config, columns: [] });
  keep.delete('cols');
  const all: readonly string[] = COLUMNS[area];
  const position = (c: string) => (config.columns.includes(c) ? config.columns.indexOf(c) + 1 : config.columns.length + all.indexOf(c) + 1);
  const ordered = [...all].sort((a, b) => position(a) - position(b));
  return (
    <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">{t('views.columns.title')}</summary>
      <form key={`${keep.toString()}|${config.columns.join()}`} method="get" className="mt-3">
        {[...keep].map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <p className="mb-2 text-xs text-slate-500">{t('views.columns.help')}</p>
        <ul className="grid gap-1 sm:grid-cols-2">
          {ordered.map((c) => (
            <li key={c} className="flex items-center gap-2">
              <input
                type="number"
                name={`pos_${c}`}
                min={1}
                max={99}
                defaultValue={position(c)}
                aria-label={t('views.columns.order', { column: labels[c] ?? c })}
                className={`${inputClass} w-16`}
              />
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="col" value={c} defaultChecked={config.columns.includes(c)} disabled={c === 'name'} className="size-4 rounded border-slate-300" />
                {labels[c] ?? c}
              </label>
              {c === 'name' ? <input type="hidden" name="col" value="name" /> : null}
            </li>
          ))}
        </ul>
        <button type="submit" className={`${buttonClass('secondary')} mt-3`}>
          {t('views.columns.apply')}
        </button>
      </form>
    </details>
  );
}

/** Midnight of a YYYY-MM-DD day in a time zone, in ms (DST-safe: the offset is read at that instant). */
export function dayStart(day: string | undefined, timeZone: string, plusDays = 0): number | undefined {
  const m = day?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  if (Number.isNaN(utc)) return undefined;
  const offset = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - at;
  };
  const guess = utc - offset(utc);
  return utc - offset(guess);
}

/** One select of a list's GET filter form. */
export function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: Option[] }) {
  return (
    <label className="block text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ''} className={`${inputClass} mt-1`}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the leads list adds to the bulk buttons: "assign to me" and "change status" (no archive). */
export type LeadBulk = { statuses: Option[]; labels: { take: string; status: string; changeStatus: string; keepTeam: string } };

/**
 * The bulk buttons inside a list's selection form: assign, tag, and archive (companies) or deactivate
 * (contacts). `assignOnly`: just the reassignment (opportunities). `lead`: assign to me, assign, change status,
 * tag (leads).
 */
export async function BulkControls({
  owners,
  teams,
  tags = [],
  max,
  lastLabel,
  assignOnly = false,
  lead,
}: {
  owners: Option[];
  teams: Option[];
  tags?: Option[];
  max: number;
  lastLabel?: string;
  assignOnly?: boolean;
  lead?: LeadBulk;
}) {
  const t = await getTranslations();
  const divider = <span className="mx-2 hidden h-8 border-l border-slate-200 sm:block" aria-hidden="true" />;
  return (
    <fieldset className="mb-3 flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <legend className="sr-only">{t('views.bulk.title')}</legend>
      <p className="w-full text-sm font-semibold text-slate-800" aria-hidden="true">
        {t('views.bulk.title')} <span className="font-normal text-slate-500">({t('views.bulk.max', { max })})</span>
      </p>
      {lead ? (
        <>
          <button type="submit" name="op" value="take" className={buttonClass('secondary')}>
            {lead.labels.take}
          </button>
          {divider}
        </>
      ) : null}
      <FilterSelect name="ownerId" label={t('views.bulk.owner')} value="" options={[{ value: '', label: '—' }, ...owners]} />
      <FilterSelect name="teamId" label={t('views.bulk.team')} value="" options={[{ value: '', label: lead ? lead.labels.keepTeam : t('views.bulk.ownerTeam') }, ...teams]} />
      <button type="submit" name="op" value="assign" className={buttonClass('secondary')}>
        {t('views.bulk.assign')}
      </button>
      {lead ? (
        <>
          {divider}
          {/* Kept together when the row wraps. */}
          <div className="flex items-end gap-3">
            <FilterSelect name="statusId" label={lead.labels.status} value="" options={[{ value: '', label: '—' }, ...lead.statuses]} />
            <button type="submit" name="op" value="status" className={buttonClass('secondary')}>
              {lead.labels.changeStatus}
            </button>
          </div>
        </>
      ) : null}
      {assignOnly ? null : (
        <>
          {divider}
          <FilterSelect name="tagId" label={t('views.bulk.tag')} value="" options={[{ value: '', label: '—' }, ...tags]} />
          <button type="submit" name="op" value="tag_add" className={buttonClass('secondary')}>
            {t('views.bulk.addTag')}
          </button>
          <button type="submit" name="op" value="tag_remove" className={buttonClass('secondary')}>
            {t('views.bulk.removeTag')}
          </button>
          {lastLabel ? (
            <>
              {divider}
              <button type="submit" name="op" value="archive" className={buttonClass('danger')}>
                {lastLabel}
              </button>
            </>
          ) : null}
        </>
      )}
    </fieldset>
  );
}

/** Back to the first page and on to the next one (keyset: there is no page number). */
export async function Pager({ path, keep, atStart, nextCursor }: { path: string; keep: URLSearchParams; atStart: boolean; nextCursor: string | null }) {
  const t = await getTranslations();
  return (
    <div className="mt-4 flex justify-between">
      {atStart ? (
        <span />
      ) : (
        <Link href={`${path}?${keep.toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">
          ← {t('common.firstPage')}
        </Link>
      )}
      {nextCursor ? (
        <Link href={`${path}?${new URLSearchParams([...keep, ['cursor', nextCursor]]).toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">
          {t('common.nextPage')} →
        </Link>
      ) : null}
    </div>
  );
}
