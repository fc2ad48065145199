import { expect, openWindow, test } from './support/fixtures.js';
import { tokenRow, tokenRows } from './support/flows.js';
import { canaryToken } from './support/lapse-shell.js';
import { fakeJwt } from './support/seed.js';

test('a JWT pasted into the add form fills in its expiry and shows its granted scopes before anything is saved', async ({
  page,
  shell,
}) => {
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Add a token' }).click();
  const form = page.getByRole('form', { name: 'Add a token' });
  const jwt = fakeJwt(30);
  await form.getByLabel('Token value').fill(jwt);
  await expect(
    form.getByText(/Recognised: JWT access token · expires .* · Granted by the JWT: deploy:read, deploy:write$/),
  ).toBeVisible();
  await expect(form.getByLabel('Expires on')).toHaveValue(
    new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  );
  // What the JWT was granted is not what its purpose needs: the person declares that.
  await expect(form.getByLabel('Declared scopes')).toHaveValue('');
  await expect(form.getByText(/^Exactly /)).toBeVisible(); // the JWT's own instant, not midnight
  await form.getByLabel('Label', { exact: true }).fill('deploy runner');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(tokenRow(page, 'deploy runner')).toContainText(/in (29|30) days/);
  const detail = page.getByRole('article', { name: 'deploy runner' });
  await expect(detail.getByRole('list', { name: 'Granted scopes' }).getByRole('listitem')).toHaveText([
    'deploy:read',
    'deploy:write',
  ]);
  await expect(detail.getByRole('list', { name: 'Declared scopes' })).toHaveCount(0); // granted, not declared
});

test('service errors show beside the form, which keeps what was typed', async ({ page, shell }) => {
  await openWindow(page, shell);
  await page.getByRole('button', { name: 'Add a token' }).click();
  const form = page.getByRole('form', { name: 'Add a token' });
  await form.getByLabel('Token value').fill(canaryToken());
  await form.getByLabel('Label', { exact: true }).fill('enterprise push');
  await form.getByLabel('Never expires').check();
  await form.getByLabel('Base URL').fill('http://github.example.com');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('https://');
  await expect(form.getByLabel('Label', { exact: true })).toHaveValue('enterprise push');
  await expect(form.getByLabel('Base URL')).toHaveValue('http://github.example.com');
  await expect(tokenRows(page)).toHaveCount(0);
});

test('the form names what is missing before anything is sent, without echoing the value', async ({ page, shell }) => {
  await openWindow(page, shell);
  await page.keyboard.press('n');
  const form = page.getByRole('form', { name: 'Add a token' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByLabel('Token value')).toBeFocused();

  const secret = canaryToken();
  await form.getByLabel('Token value').fill(` ${secret}`);
  await expect(form.getByText('starts or ends with spaces')).toBeVisible();
  await form.getByLabel('Token value').fill(secret);
  await expect(form.getByText('Recognised: GitHub classic PAT')).toBeVisible();

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText(/Give the token a label/);
  await expect(form.getByLabel('Label', { exact: true })).toBeFocused();
  await form.getByLabel('Label', { exact: true }).fill('ci push');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Choose the expiry date, or tick "Never expires" or "Not known yet".',
  );
  await expect(form.getByLabel('Expires on')).toBeFocused();
  await expect(tokenRows(page)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});
