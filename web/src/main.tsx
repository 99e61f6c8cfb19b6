import './index.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from '@/app/app';
import { startServerCatalogue } from '@/lib/i18n/server-catalogue';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
startServerCatalogue();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
