// A small React 19 app using the vnhealth web components. React 19 passes string props to custom
// elements as attributes and objects as properties, so the elements need no wrapper.
import '@vnhealth/components/define.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('react example: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
