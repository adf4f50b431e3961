import { expect, test } from './fixtures';

// Each area says plainly when it shows nothing, under its own title. Companies and contacts fill up as other
// specs run on the same server, so for them the "nothing matches" state is checked with a filter no record has.

const AREAS = [
  { path: '/leads', title: 'Pistes', empty: 'Aucune piste ne correspond', query: '?owner=all&tag=999999' },
  { path: '/companies', title: 'Sociétés', empty: 'Aucune société ne correspond à ces filtres', query: '?owner=all&city=' },
  { path: '/contacts', title: 'Contacts', empty: 'Aucun contact ne correspond à ces filtres', query: '?owner=all&consent=withdrawn&tag=999999' },
  { path: '/opportunities', title: 'Opportunités', empty: 'Aucune opportunité ne correspond à ces filtres', query: '?owner=all&tag=999999' },
  { path: '/actions', title: 'Actions', empty: 'Aucune action pour l’instant' },
  { path: '/reports', title: 'Rapports', empty: 'Rien à présenter pour l’instant' },
];
const emptyPath = (a: (typeof AREAS)[number]) =>
  a.query === undefined ? a.path : `${a.path}${a.query}${a.query.endsWith('=') ? `nowhere-${Math.random().toString(36).slice(2)}` : ''}`;

for (const area of AREAS) {
  test(`${area.path} shows its empty state`, async ({ salesPage: page }) => {
    await page.goto(emptyPath(area));
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1, name: area.title })).toBeVisible();
    await expect(main.getByRole('heading', { level: 2, name: area.empty })).toBeVisible();
    await expect(page).toHaveTitle(`${area.title} · Suivi`);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: area.title })).toHaveAttribute('aria-current', 'page');
  });
}

test('the areas are reached from the main navigation', async ({ salesPage: page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  for (const area of AREAS) {
    await nav.getByRole('link', { name: area.title }).click();
    await expect(page).toHaveURL(new RegExp(`${area.path}$`));
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name: area.title })).toBeVisible();
  }
});
