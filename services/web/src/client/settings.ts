/** What the server tells the page at start-up (`/settings.json`): where to sign in and where the graph is. */
export interface Settings {
  issuer: string;
  clientId: string;
  graphqlUrl: string;
}

export async function loadSettings(): Promise<Settings> {
  const response = await fetch('/settings.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`settings: HTTP ${response.status}`);
  return (await response.json()) as Settings;
}
