// The app's entry: languages first (so the first paint is already in the reader's language), then the router.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app.js';
import { setUpI18n } from './i18n/index.js';
import { SessionProvider } from './session.js';
import './styles.css';
import './work.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

await setUpI18n();
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
