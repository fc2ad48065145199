import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
// Every stylesheet is in renderer/styles/ and imported here, once; the order is the cascade (the five
// before base.css were imported by their components before, which put them first: kept so nothing moves).
import './styles/reminders.css';
import './styles/toasts.css';
import './styles/verify.css';
import './styles/authorize.css';
import './styles/oauth.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/tokens.css';
import './styles/forms.css';
import './styles/filters.css';
import './styles/overview.css';
import './styles/settings.css';
import './styles/report.css';
import './styles/discover.css';
import './styles/lifecycle.css';
import './styles/offboard.css';
import './styles/inventory.css';
import './styles/team.css';
import './styles/responsive.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
