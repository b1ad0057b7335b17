import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseApi } from './api/choose-api';
import { App } from './app/app';
import { installGlobalErrorHandlers } from './app/global-errors';
import { ErrorBoundary } from './components/error-boundary';
import './styles/app.css';
import './styles/layout.css';
import './styles/preview.css';
import './styles/editor.css';
import './styles/form.css';
import './styles/image-field.css';
import './styles/sidebar-features.css';

installGlobalErrorHandlers();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App api={chooseApi()} />
    </ErrorBoundary>
  </StrictMode>,
);
