import type { ReactNode } from 'react';
import { Logo } from '@/components/ui/logo';
import { Icon } from './icons';
import { NavLinks, type NavItem } from './nav-links';

type Labels = { skip: string; menu: string; mainNav: string; userMenu: string; profile: string; signOut: string; search: string; searchPlaceholder: string };

/**
 * The frame of every signed-in page: a sidebar on wide screens, a <details> menu on phones
 * (no JavaScript needed), and the user menu with profile and sign-out.
 */
export function AppShell({
  nav,
  org,
  user,
  labels,
  signOutAction,
  children,
}: {
  nav: NavItem[];
  org: { name: string; hasLogo: boolean; logoVersion: number };
  user: { name: string; email: string; role: string; isAdmin: boolean };
  labels: Labels;
  signOutAction: () => Promise<void>;
  children: ReactNode;
}) {
  const initials = user.name
    .split(/\s+/)
    .map((p) => p[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const orgMark = org.hasLogo ? (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={`/api/logo?v=${org.logoVersion}`} alt="" className="h-8 w-auto max-w-[8rem] object-contain" />
  ) : null;
  const userMenu = (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 pr-2 text-sm hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
        aria-label={labels.userMenu}
      >
        <span className="grid size-8 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white" aria-hidden="true">
          {initials}
        </span>
        <span className="hidden font-medium text-slate-800 sm:inline">{user.name}</span>
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-64 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200">
        <div className="border-b border-slate-100 px-3 py-2">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
          <p className="mt-1 text-xs text-slate-500">{user.role}</p>
        </div>
        <a href="/profile" className="mt-1 block rounded px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
          {labels.profile}
        </a>
        <form action={signOutAction}>
          <button type="submit" className="block w-full rounded px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
            {labels.signOut}
          </button>
        </form>
      </div>
    </details>
  );
  return (
    <div className="min-h-dvh lg:flex">
      <a href="#main" className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {labels.skip}
      </a>
      <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex print:hidden">
        <div className="flex h-16 items-center gap-3 px-5">
          <Logo className="h-8" />
        </div>
        <nav aria-label={labels.mainNav} className="flex-1 px-3 py-2">
          <NavLinks items={nav} />
        </nav>
        <div className="flex items-center gap-2 border-t border-slate-100 px-5 py-4 text-xs text-slate-500">
          {orgMark}
          <span className="truncate">{org.name}</span>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header data-shell className="sticky top-0 z-20 flex h-16 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6 print:hidden">
          <details className="group lg:hidden">
            <summary className="flex cursor-pointer list-none items-center rounded-md p-2 text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
              <Icon name="menu" />
              <span className="sr-only">{labels.menu}</span>
            </summary>
            <nav aria-label={labels.mainNav} className="absolute inset-x-0 top-16 z-30 border-b border-slate-200 bg-white px-3 py-2 shadow-lg">
              <NavLinks items={nav} />
            </nav>
          </details>
          <div className="lg:hidden">
            <Logo className="h-7" />
          </div>
          {/* A plain GET form: searching works without JavaScript. */}
          <form action="/search" role="search" aria-label={labels.search} className="relative min-w-0 flex-1 lg:max-w-md">
            <label htmlFor="shell-search" className="sr-only">
              {labels.search}
            </label>
            <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
            <input
              id="shell-search"
              name="q"
              type="search"
              placeholder={labels.searchPlaceholder}
              autoComplete="off"
              enterKeyHint="search"
              className="block w-full rounded-md border-0 bg-slate-100 py-2 pr-3 pl-8 text-sm text-slate-900 ring-1 ring-transparent ring-inset placeholder:text-slate-500 focus:bg-white focus:ring-2 focus:ring-brand-600"
            />
          </form>
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-sm text-slate-500 md:inline lg:hidden">{org.name}</span>
            {userMenu}
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8 has-[[data-wide]]:max-w-none">
          {children}
        </main>
      </div>
    </div>
  );
}
