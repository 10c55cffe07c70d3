const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Swedish first, English beside it: the provider's pages serve both before anyone has chosen a language. */
export interface Bilingual {
  sv: string;
  en: string;
}

const both = ({ sv, en }: Bilingual): string => `${escapeHtml(sv)} <span class="en" lang="en">· ${escapeHtml(en)}</span>`;

/**
 * Every page of the provider: one layout with the language set, a heading, labelled controls, visible focus and
 * colours that pass WCAG 2.1 AA contrast. No external resources (the default pages load web fonts).
 */
function layout(title: Bilingual, content: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title.sv)} – Region 10-hubben</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1a1a1a; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input[type=text], input[type=password], input:not([type]) { display: block; width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .3rem; font-size: 1rem; border: 1px solid #555; border-radius: 4px; }
  button { margin: 1.5rem .5rem 0 0; padding: .7rem 1.2rem; font-size: 1rem; background: #00558c; color: #fff; border: 0; border-radius: 4px; }
  button.secondary { background: #fff; color: #00558c; border: 2px solid #00558c; }
  button:focus, input:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
  .error { color: #a4001d; border-left: 4px solid #a4001d; padding-left: .6rem; }
  .en { color: #444; }
  /* inside a button or an error the English half keeps the colour its background was chosen for */
  button .en, .error .en { color: inherit; }
  .code { font-size: 1.6rem; letter-spacing: .15em; font-weight: 700; }
</style>
</head>
<body>
<main>
  <h1>${both(title)}</h1>
  ${content}
</main>
</body>
</html>`;
}

function errorLine(error: Bilingual | undefined): string {
  return error ? `<p class="error" role="alert">${both(error)}</p>` : '';
}

export interface LoginPageOptions {
  uid: string;
  clientName: Bilingual;
  username?: string;
  error?: Bilingual;
}

export function loginPage({ uid, clientName, username = '', error }: LoginPageOptions): string {
  const action = `/interaction/${encodeURIComponent(uid)}/login`;
  return layout(
    { sv: 'Logga in', en: 'Sign in' },
    `<p>${both({ sv: `till ${clientName.sv} i Region 10-hubben.`, en: `to ${clientName.en} in the Region 10 hub.` })}</p>
  ${errorLine(error)}
  <form method="post" action="${action}">
    <label for="username">${both({ sv: 'Användarnamn', en: 'Username' })}</label>
    <input id="username" name="username" autocomplete="username" autocapitalize="none" required value="${escapeHtml(username)}">
    <label for="password">${both({ sv: 'Lösenord', en: 'Password' })}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">${both({ sv: 'Logga in', en: 'Sign in' })}</button>
  </form>`,
  );
}

/** The device flow's first page: the code shown in the terminal, typed or already filled in. */
export function deviceCodePage(form: string, error?: Bilingual): string {
  // the provider's form has the code field without a label; it is given one here
  const labelled = form.replace('<input\n', '<input id="user_code" aria-describedby="code-help"\n').replace('placeholder="Enter code"', '');
  return layout(
    { sv: 'Logga in i terminalen', en: 'Sign in on a terminal' },
    `${errorLine(error)}
  <label for="user_code">${both({ sv: 'Koden som terminalen visar', en: 'The code your terminal shows' })}</label>
  <p id="code-help">${both({ sv: 'Till exempel ABCD-EFGH.', en: 'For example ABCD-EFGH.' })}</p>
  ${labelled}
  <button type="submit" form="op.deviceInputForm">${both({ sv: 'Fortsätt', en: 'Continue' })}</button>`,
  );
}

export function deviceConfirmPage(form: string, clientName: Bilingual, userCode: string): string {
  return layout(
    { sv: 'Stämmer koden?', en: 'Does the code match?' },
    `<p>${both({ sv: `${clientName.sv} vill logga in som du. Kontrollera att terminalen visar:`, en: `${clientName.en} wants to sign in as you. Check that your terminal shows:` })}</p>
  <p class="code">${escapeHtml(userCode)}</p>
  ${form}
  <button type="submit" form="op.deviceConfirmForm">${both({ sv: 'Ja, fortsätt', en: 'Yes, continue' })}</button>
  <button type="submit" class="secondary" form="op.deviceConfirmForm" value="yes" name="abort">${both({ sv: 'Avbryt', en: 'Cancel' })}</button>`,
  );
}

export function deviceDonePage(): string {
  return layout(
    { sv: 'Du är inloggad', en: 'You are signed in' },
    `<p>${both({ sv: 'Gå tillbaka till terminalen. Du kan stänga den här sidan.', en: 'Return to your terminal. You can close this page.' })}</p>`,
  );
}

export function logoutPage(form: string): string {
  return layout(
    { sv: 'Logga ut?', en: 'Sign out?' },
    `${form}
  <button type="submit" form="op.logoutForm" value="yes" name="logout">${both({ sv: 'Ja, logga ut', en: 'Yes, sign me out' })}</button>
  <button type="submit" class="secondary" form="op.logoutForm">${both({ sv: 'Nej, förbli inloggad', en: 'No, stay signed in' })}</button>`,
  );
}

export function loggedOutPage(): string {
  return layout({ sv: 'Du är utloggad', en: 'You are signed out' }, `<p>${both({ sv: 'Du kan stänga den här sidan.', en: 'You can close this page.' })}</p>`);
}

const CLIENT_NAMES: Record<string, Bilingual> = {
  'hub-cli': { sv: 'hub-kommandot i terminalen', en: 'the hub command in a terminal' },
  'hub-web': { sv: 'webbklienten', en: 'the web client' },
};

export function clientName(clientId: string): Bilingual {
  return CLIENT_NAMES[clientId] ?? { sv: clientId, en: clientId };
}
