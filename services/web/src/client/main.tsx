import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import { createUserManager } from './auth/session';
import { initI18n } from './i18n';
import { loadSettings } from './settings';
import './styles.css';

async function start(): Promise<void> {
  const [settings] = await Promise.all([loadSettings(), initI18n()]);
  const manager = createUserManager(settings);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AuthProvider manager={manager}>
        <App graphqlUrl={settings.graphqlUrl} />
      </AuthProvider>
    </StrictMode>,
  );
}

void start();
