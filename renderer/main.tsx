import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/tokens.css';
import './styles/forms.css';
import './styles/filters.css';
import './styles/overview.css';
import './styles/settings.css';
import './styles/report.css';
import './styles/discover.css';
import './features/lifecycle/lifecycle.css';
import './features/offboard/offboard.css';
import './features/inventory/inventory.css';
import './features/team/team.css';
import './styles/responsive.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
