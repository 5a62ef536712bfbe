import type { Locator, Page } from '@playwright/test';

/** The sign-in form, in French, the app's default language. */
export class SignInScreen {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Identifiant');
    this.password = page.getByLabel('Mot de passe');
    this.submit = page.getByRole('button', { name: 'Se connecter' });
    this.alert = page.getByRole('alert');
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
