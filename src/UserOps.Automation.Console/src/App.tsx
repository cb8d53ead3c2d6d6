import { lazy, Suspense, useEffect, useState } from 'react';
import { credentials, onUnauthorized } from './api';
import { Icon } from './components/Icon';
import { KeyEntry } from './pages/KeyEntry';
import { WorkflowList } from './pages/WorkflowList';
import { SegmentsPage } from './pages/SegmentsPage';
import { ContactsPage } from './pages/ContactsPage';
import { Placeholder } from './pages/Placeholder';
import { TemplatesPage } from './pages/TemplatesPage';
import { MessagesPage } from './pages/MessagesPage';
import { Spinner } from './components/Sparkline';
import { DashboardPage } from './pages/DashboardPage';
import { ImportPage } from './pages/ImportPage';
import { OperationsIndicator } from './operations/OperationsIndicator';
import { Designer } from './designer/Designer';
import { href, useRoute } from './router';

// The template editor carries CodeMirror: loaded only when a template is opened.
const TemplateRoute = lazy(() => import('./templates/TemplateEditor').then(m => ({ default: m.TemplateRoute })));

const sections = [
  { id: 'workflows', label: 'Workflows', icon: 'workflow' },
  { id: 'segments', label: 'Segments', icon: 'segment' },
  { id: 'templates', label: 'Templates', icon: 'template' },
  { id: 'contacts', label: 'Contacts', icon: 'contact' },
  { id: 'messages', label: 'Messages', icon: 'message' },
  { id: 'dashboard', label: 'Dashboard', icon: 'dashboard' },
  { id: 'imports', label: 'Import', icon: 'upload' },
];

export function App() {
  const [key, setKey] = useState(credentials.get());
  const route = useRoute();
  useEffect(() => onUnauthorized(() => { credentials.clear(); setKey(null); }), []);

  if (!key) return <KeyEntry onKey={k => { credentials.set(k); setKey(k); }} />;

  const [section = 'workflows', id, sub] = route;
  return (
    <div className={`shell ${(section === 'workflows' || section === 'templates') && id ? 'compact-nav' : ''}`}>
      <nav className="sidebar" aria-label="Main">
        <div className="brand"><span className="brand-mark" aria-hidden="true">U</span><span>UserOps</span></div>
        <ul>
          {sections.map(s => (
            <li key={s.id}>
              <a href={href(s.id)} title={s.label} className={section === s.id ? 'active' : undefined} aria-current={section === s.id ? 'page' : undefined}>
                <Icon name={s.icon} size={18} /> <span>{s.label}</span>
              </a>
            </li>
          ))}
        </ul>
        <OperationsIndicator />
        <button type="button" className="sidebar-foot" onClick={() => { credentials.clear(); setKey(null); }}>
          <Icon name="logout" size={16} /> <span>Forget key</span>
        </button>
      </nav>
      <main className="main">
        {section === 'workflows' && !id && <WorkflowList />}
        {section === 'workflows' && id && <Designer key={id} definitionId={id} />}
        {section === 'segments' && <SegmentsPage selected={id} />}
        {section === 'contacts' && <ContactsPage selected={id} />}
        {section === 'templates' && !id && <TemplatesPage />}
        {section === 'templates' && id && <Suspense fallback={<div className="page"><Spinner label="Loading the editor" /></div>}><TemplateRoute key={id} templateKey={id} locale={sub} /></Suspense>}
        {section === 'messages' && <MessagesPage selected={id} />}
        {section === 'dashboard' && <DashboardPage />}
        {section === 'imports' && <ImportPage />}
        {!sections.some(s => s.id === section) && <Placeholder title="Not found" text={`There is no page '${section}'.`} />}
      </main>
    </div>
  );
}
