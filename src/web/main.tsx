import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import './styles.css';
import { App } from './app.js';
import { PublicSocialMap, publicSocialMapCode } from './PublicSocialMap.js';

const publicCode = publicSocialMapCode(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* the public sociale kaart needs no session: it never loads the application shell (issue 21) */}
    {publicCode ? <PublicSocialMap code={publicCode} /> : <App />}
  </StrictMode>,
);
