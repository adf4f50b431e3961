import { expect, test } from './fixtures';

// The CRM areas hold nothing yet: each says so plainly, under its own title.

const AREAS = [
  { path: '/leads', title: 'Pistes', empty: 'Aucune piste pour l’instant' },
  { path: '/companies', title: 'Sociétés', empty: 'Aucune société pour l’instant' },
  { path: '/contacts', title: 'Contacts', empty: 'Aucun contact pour l’instant' },
  { path: '/opportunities', title: 'Opportunités', empty: 'Aucune opportunité pour l’instant' },
  { path: '/actions', title: 'Actions', empty: 'Aucune action pour l’instant' },
  { path: '/reports', title: 'Rapports', empty: 'Rien à présenter pour l’instant' },
];

for (const area of AREAS) {
  test(`${area.path} shows its empty state`, async ({ salesPage: page }) => {
    await page.goto(area.path);
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
    await expect(page.getByRole('main').getByRole('heading', { level: 2, name: area.empty })).toBeVisible();
  }
});
