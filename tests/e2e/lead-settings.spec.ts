import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openDisclosure, uid, withLock } from './helpers';

// Settings → Leads, as an administrator, with JavaScript on and off: statuses (add, rename, colour, closed,
// up/down, delete; the keyboard drag with JavaScript) and scoring rules (add, deactivate, edit, delete).
// Lead statuses are shared by the whole server, so the status tests hold a lock: the js and nojs runs of them
// do not interleave. Every name carries a random suffix, and each test deletes what it added.

const q = (s: string) => `«\u00a0${s}\u00a0»`;

const statusesCard = (page: Page) => page.getByRole('region', { name: 'Statuts' });
const statusRow = (page: Page, name: string) => statusesCard(page).locator('li[id^="status-"]').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
const statusNames = (page: Page) => statusesCard(page).getByRole('heading', { level: 3 }).allTextContents();
const rulesCard = (page: Page) => page.getByRole('region', { name: 'Règles de score' });
const ruleRow = (page: Page, name: string) => rulesCard(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

async function addStatus(page: Page, name: string, colour?: string) {
  await page.goto('/settings/leads');
  const form = statusesCard(page).locator('form', { has: page.getByLabel('Nouveau statut') });
  await form.getByLabel('Nouveau statut').fill(name);
  if (colour) await form.getByLabel('Couleur').selectOption({ label: colour });
  await form.getByRole('button', { name: 'Ajouter le statut' }).click();
  await expect(page.getByText(`Statut ${q(name)} ajouté.`)).toBeVisible();
}

async function deleteStatus(page: Page, name: string) {
  await page.goto('/settings/leads');
  const row = statusRow(page, name);
  await openDisclosure(row, 'Supprimer');
  await expect(row).toContainText('Aucune piste n’est dans ce statut.');
  await row.getByRole('button', { name: 'Supprimer le statut' }).click();
  await expect(statusRow(page, name)).toHaveCount(0);
}

test('an administrator adds a status, renames, colours and closes it, moves it with the arrows and deletes it', async ({ adminPage: page, authDir }) => {
  test.setTimeout(90_000);
  const id = uid();
  await withLock(authDir, 'lead-statuses', async () => {
    await test.step('the settings overview and tabs lead to it', async () => {
      await page.goto('/settings');
      await page.getByRole('main').getByRole('link', { name: /^Pistes Statuts des pistes/ }).click();
      await expect(page).toHaveURL(/\/settings\/leads$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Pistes' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link', { name: 'Pistes' })).toHaveAttribute('aria-current', 'page');
    });

    await test.step('the starter statuses: new first, Converted and Lost last with neither arrows nor delete', async () => {
      const names = await statusNames(page);
      expect(names.slice(0, 4)).toEqual(['À traiter', 'Qualification marketing', 'Qualification commerciale', 'Nurturing']);
      expect(names.slice(-2)).toEqual(['Converti', 'Perdu']);
      await expect(statusRow(page, 'À traiter')).toContainText('Nouveau');
      for (const name of ['Converti', 'Perdu']) {
        await expect(page.getByRole('button', { name: `Monter ${q(name)}` })).toHaveCount(0);
        await expect(page.locator('summary', { hasText: `Supprimer ${q(name)}` })).toHaveCount(0);
      }
      await expect(page.locator('summary', { hasText: `Supprimer ${q('À traiter')}` })).toHaveCount(0);
    });

    await test.step('add a status with a colour: it goes before Converted and Lost; a name taken is refused', async () => {
      await addStatus(page, `Salon ${id}`, 'Rose');
      await expect.poll(async () => (await statusNames(page)).slice(-3)).toEqual([`Salon ${id}`, 'Converti', 'Perdu']);
      await page.goto('/settings/leads');
      const form = statusesCard(page).locator('form', { has: page.getByLabel('Nouveau statut') });
      await form.getByLabel('Nouveau statut').fill('NURTÜRING');
      await form.getByRole('button', { name: 'Ajouter le statut' }).click();
      await expect(form.getByText('Un statut porte déjà ce nom.')).toBeVisible();
    });

    await test.step('rename it, change its colour and mark it closed', async () => {
      await page.goto('/settings/leads');
      const row = statusRow(page, `Salon ${id}`);
      await openDisclosure(row, 'Modifier');
      await expect(row.getByLabel('Couleur')).toHaveValue('pink');
      await row.getByLabel('Nom du statut').fill(`Salons ${id}`);
      await row.getByLabel('Couleur').selectOption({ label: 'Violet' });
      await row.getByRole('checkbox', { name: 'Statut clôturé' }).check();
      await row.getByRole('button', { name: 'Enregistrer' }).click();
      const renamed = statusRow(page, `Salons ${id}`);
      await expect(renamed.getByText('Clôturé', { exact: true })).toBeVisible();
      // A closed status can't become the new one.
      await expect(page.getByRole('button', { name: `Faire de ${q(`Salons ${id}`)} le statut nouveau` })).toHaveCount(0);
      await page.goto('/settings/leads');
      await openDisclosure(statusRow(page, `Salons ${id}`), 'Modifier');
      await expect(statusRow(page, `Salons ${id}`).getByLabel('Couleur')).toHaveValue('violet');
      await expect(statusRow(page, `Salons ${id}`).getByRole('checkbox', { name: 'Statut clôturé' })).toBeChecked();
    });

    await test.step('reorder with the arrows: the last one does not go below Converted', async () => {
      await addStatus(page, `Relance ${id}`);
      await page.goto('/settings/leads');
      await expect.poll(async () => (await statusNames(page)).slice(-4)).toEqual([`Salons ${id}`, `Relance ${id}`, 'Converti', 'Perdu']);
      await expect(page.getByRole('button', { name: `Descendre ${q(`Relance ${id}`)}` })).toHaveCount(0);
      await page.getByRole('button', { name: `Monter ${q(`Relance ${id}`)}` }).click();
      await expect.poll(async () => (await statusNames(page)).slice(-4)).toEqual([`Relance ${id}`, `Salons ${id}`, 'Converti', 'Perdu']);
      await expect(page.getByRole('button', { name: `Descendre ${q(`Salons ${id}`)}` })).toHaveCount(0);
      await page.getByRole('button', { name: `Descendre ${q(`Relance ${id}`)}` }).click();
      await expect.poll(async () => (await statusNames(page)).slice(-4)).toEqual([`Salons ${id}`, `Relance ${id}`, 'Converti', 'Perdu']);
    });

    await test.step('delete both: an unused status goes at once', async () => {
      await deleteStatus(page, `Salons ${id}`);
      await deleteStatus(page, `Relance ${id}`);
      expect((await statusNames(page)).slice(-2)).toEqual(['Converti', 'Perdu']);
    });
  });
});

test('statuses are dragged by their handle with the keyboard (JavaScript); without it, only the arrows are offered', async ({ adminPage: page, authDir, javaScriptEnabled }) => {
  test.setTimeout(90_000);
  const id = uid();
  const [a, b] = [`Démo ${id}`, `Essai ${id}`];
  await withLock(authDir, 'lead-statuses', async () => {
    await addStatus(page, a);
    await addStatus(page, b);
    await page.goto('/settings/leads');
    const handle = page.getByRole('button', { name: `Déplacer ${q(b)}` });
    if (!javaScriptEnabled) {
      // No dead control without JavaScript: no handle, the arrows do the job.
      await expect(page.getByRole('button', { name: `Monter ${q(b)}` })).toBeVisible();
      await expect(handle).toHaveCount(0);
    } else {
      const names = await statusNames(page);
      const total = names.length - 2;
      expect(names.slice(-4)).toEqual([a, b, 'Converti', 'Perdu']);
      await handle.focus();
      await page.keyboard.press('Space');
      await expect(page.getByText(`Statut ${q(b)} saisi, en position ${total} sur ${total}.`)).toBeAttached();
      await page.keyboard.press('ArrowUp');
      await expect(page.getByText(`Statut ${q(b)} en position ${total - 1} sur ${total}.`)).toBeAttached();
      await page.keyboard.press('Space');
      await expect(page.getByText(`Statut ${q(b)} déposé en position ${total - 1} sur ${total}.`)).toBeAttached();
      await expect.poll(async () => (await statusNames(page)).slice(-4)).toEqual([b, a, 'Converti', 'Perdu']);
      await expect(handle).toBeFocused();
      await page.reload();
      expect((await statusNames(page)).slice(-4)).toEqual([b, a, 'Converti', 'Perdu']);
      // Converted and Lost have no handle: they stay last.
      await expect(page.getByRole('button', { name: `Déplacer ${q('Converti')}` })).toHaveCount(0);
    }
    await deleteStatus(page, a);
    await deleteStatus(page, b);
  });
});

test('an administrator adds a scoring rule "job title contains … +10", deactivates, edits and deletes it', async ({ adminPage: page, javaScriptEnabled }) => {
  test.setTimeout(90_000);
  const id = uid();
  const name = `Directeurs ${id}`;
  // The words carry the suffix so that no lead of another test gains points meanwhile.
  const words = `directeur ${id}`;
  await page.goto('/settings/leads');
  const form = rulesCard(page).locator('form', { has: page.getByLabel('Nom de la règle') });

  await test.step('the comparisons follow the field with JavaScript; without it, the server refuses a wrong one', async () => {
    await form.getByLabel('Nom de la règle').fill(name);
    if (javaScriptEnabled) {
      await form.getByLabel('Champ').selectOption({ label: 'Sans activité depuis un nombre de jours' });
      await expect(form.getByLabel('Comparaison').locator('option')).toHaveText(['depuis plus de']);
      await expect(form.getByLabel('Jours sans activité')).toBeVisible();
      await expect(form.getByLabel('Texte')).toHaveCount(0);
      await form.getByLabel('Champ').selectOption({ label: 'Effectif' });
      await expect(form.getByLabel('Comparaison').locator('option')).toHaveText(['est', 'est au moins', 'est renseigné', 'est vide']);
      await expect(form.getByRole('combobox', { name: 'Effectif' })).toBeVisible();
    } else {
      await form.getByLabel('Champ').selectOption({ label: 'Grand compte' });
      await form.getByLabel('Comparaison').selectOption({ label: 'contient' });
      await form.getByLabel('Points').fill('5');
      await form.getByRole('button', { name: 'Ajouter la règle' }).click();
      await expect(form.getByText('Cette comparaison ne s’applique pas à ce champ.')).toBeVisible();
    }
  });

  await test.step('points out of range are refused; then the rule is added and the open leads rescored', async () => {
    await form.getByLabel('Champ').selectOption({ label: 'Intitulé de poste' });
    await form.getByLabel('Comparaison').selectOption({ label: 'contient' });
    await form.getByLabel('Texte').fill(words);
    await form.getByLabel('Points').fill('150');
    await form.getByRole('button', { name: 'Ajouter la règle' }).click();
    await expect(form.getByText('Saisissez des points entiers entre −100 et 100.')).toBeVisible();
    await form.getByLabel('Points').fill('+10');
    await form.getByRole('button', { name: 'Ajouter la règle' }).click();
    await expect(page.getByText(new RegExp(`Règle ${q(name)} ajoutée : (aucune piste ouverte à recalculer|\\d+ pistes? ouvertes? recalculées?)\\.`))).toBeVisible();
    await page.goto('/settings/leads');
    const row = ruleRow(page, name);
    await expect(row).toContainText(`Intitulé de poste contient ${q(words)}`);
    await expect(row).toContainText('+10');
    await expect(row).toContainText('Active');
  });

  await test.step('deactivate it: kept, marked inactive', async () => {
    await page.getByRole('button', { name: `Désactiver la règle ${q(name)}` }).click();
    await expect(rulesCard(page).getByRole('status')).toContainText('Règle désactivée :');
    await expect(ruleRow(page, name)).toContainText('Inactive');
    await expect(page.getByRole('button', { name: `Activer la règle ${q(name)}` })).toBeVisible();
  });

  await test.step('edit it on its page: negative points, active again', async () => {
    await page.getByRole('link', { name: `Modifier la règle ${q(name)}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    await expect(page.getByLabel('Texte')).toHaveValue(words);
    await page.getByLabel('Points').fill('-10');
    await page.getByRole('checkbox', { name: 'Active' }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page).toHaveURL(/\/settings\/leads\?done=saved&rescored=\d+#scoring$/);
    await expect(rulesCard(page).getByRole('status')).toContainText('Règle enregistrée :');
    await expect(ruleRow(page, name)).toContainText(/[-−]10/);
    await expect(ruleRow(page, name)).toContainText('Active');
  });

  await test.step('delete it, after confirming', async () => {
    const row = ruleRow(page, name);
    await openDisclosure(row, 'Supprimer');
    await expect(row).toContainText('Le score des pistes ouvertes est recalculé sans elle.');
    await row.getByRole('button', { name: 'Supprimer la règle' }).click();
    await expect(rulesCard(page).getByRole('status')).toContainText('Règle supprimée :');
    await expect(ruleRow(page, name)).toHaveCount(0);
  });
});

test('managers and salespeople have no Leads tab in the settings and are refused the pages', async ({ managerPage, salesPage }) => {
  for (const page of [managerPage, salesPage]) {
    await page.goto('/settings');
    await expect(page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link', { name: 'Pistes' })).toHaveCount(0);
    for (const path of ['/settings/leads', '/settings/leads/rules/1']) {
      await page.goto(path);
      await expect(page.getByRole('main').getByRole('heading', { name: 'Accès refusé' }), path).toBeVisible();
    }
  }
});
