const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

export interface LoginPageOptions {
  uid: string;
  clientName: string;
  username?: string;
  /** Swedish first, English beside it: the page serves both before anyone has chosen a language. */
  error?: { sv: string; en: string };
}

/** The sign-in form, in Swedish with English beside it; labelled fields, an error announced to screen readers. */
export function loginPage({ uid, clientName, username = '', error }: LoginPageOptions): string {
  const action = `/interaction/${encodeURIComponent(uid)}/login`;
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Logga in – Region 10-hubben</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1a1a1a; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .3rem; font-size: 1rem; border: 1px solid #555; border-radius: 4px; }
  button { margin-top: 1.5rem; padding: .7rem 1.2rem; font-size: 1rem; background: #00558c; color: #fff; border: 0; border-radius: 4px; }
  button:focus, input:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
  .error { color: #a4001d; border-left: 4px solid #a4001d; padding-left: .6rem; }
  .en { color: #444; }
</style>
</head>
<body>
<main>
  <h1>Logga in <span class="en" lang="en">Sign in</span></h1>
  <p>till ${escapeHtml(clientName)} i Region 10-hubben. <span class="en" lang="en">to ${escapeHtml(clientName)} in the Region 10 hub.</span></p>
  ${error ? `<p class="error" role="alert">${escapeHtml(error.sv)} <span lang="en">${escapeHtml(error.en)}</span></p>` : ''}
  <form method="post" action="${action}">
    <label for="username">Användarnamn <span class="en" lang="en">Username</span></label>
    <input id="username" name="username" autocomplete="username" autocapitalize="none" required value="${escapeHtml(username)}">
    <label for="password">Lösenord <span class="en" lang="en">Password</span></label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Logga in <span lang="en">/ Sign in</span></button>
  </form>
</main>
</body>
</html>`;
}
