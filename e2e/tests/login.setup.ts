import { expect, test as setup } from '@playwright/test';
import { demoUsers, logInThroughIdp, storageStateOf, type DemoUser } from './users';

for (const [username, name] of Object.entries(demoUsers)) {
  setup(`${username} logs in through the identity provider`, async ({ page }) => {
    await logInThroughIdp(page, username);
    await expect(page).toHaveURL(/\/hjalpmedel$/);
    await expect(page.getByTestId('current-user-name')).toHaveText(name);
    await page.context().storageState({ path: storageStateOf(username as DemoUser) });
  });
}
