import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { keepServiceWorker } from './offline/service-worker';

// The service worker keeps the app shell for use without a connection (client/pwa/sw.js). Browsers
// allow it only on HTTPS or localhost; elsewhere the app simply needs the network to open.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => keepServiceWorker());
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
