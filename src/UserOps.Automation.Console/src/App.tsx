import { lazy, Suspense, useEffect, useState } from 'react';
import { api, onUnauthorized, type Session } from './api';
import { Icon } from './components/Icon';
import { Spinner } from './components/Sparkline';
import { SignInPage } from './pages/SignInPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { OperatorsPage } from './pages/OperatorsPage';
import { KeysPage } from './pages/KeysPage';
import { AuditPage } from './pages/AuditPage';
import { can } from './lib/roles';
import { SessionProvider } from './session';
import { WorkflowList } from './pages/WorkflowList';
import { SegmentsPage } from './pages/SegmentsPage';
import { ContactsPage } from './pages/ContactsPage';
import { Placeholder } from './pages/Placeholder';
import { TemplatesPage } from './pages/TemplatesPage';
import { MessagesPage } from './pages/MessagesPage';
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

// Admin pages, listed for admins only (the host refuses them to anyone else).
const adminSections = [
  { id: 'operators', label: 'Operators', icon: 'user' },
  { id: 'keys', label: 'API keys', icon: 'key' },
  { id: 'audit', label: 'Audit log', icon: 'check' },
];

export function App() {
  // undefined while asking the host whether the browser already holds a session.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    const stop = onUnauthorized(() => setSession(null));
    api.session().then(setSession, () => setSession(null));
    return stop;
  }, []);
  const signOut = async () => {
    try { await api.signOut(); } catch { /* the session is gone either way */ }
    setSession(null);
  };

  if (session === undefined) return <div className="key-screen"><Spinner /></div>;
  if (!session) return <SignInPage onSignedIn={setSession} />;
  if (session.mustChangePassword) return <ChangePasswordPage session={session} onChanged={setSession} onSignOut={() => void signOut()} />;
  return <SessionProvider session={session}><Shell session={session} onSignOut={() => void signOut()} /></SessionProvider>;
}

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const route = useRoute();
  const admin = can(session.role, 'manageOperators') ? adminSections : [];
  const [section = 'workflows', id, sub] = route;
  return (
    <div className={`shell ${(section === 'workflows' || section === 'templates') && id ? 'compact-nav' : ''}`}>
      <nav className="sidebar" aria-label="Main">
        <div className="brand"><span className="brand-mark" aria-hidden="true">U</span><span>UserOps</span></div>
        <ul>
          {[...sections, ...admin].map(s => (
            <li key={s.id}>
              <a href={href(s.id)} title={s.label} className={section === s.id ? 'active' : undefined} aria-current={section === s.id ? 'page' : undefined}>
                <Icon name={s.icon} size={18} /> <span>{s.label}</span>
              </a>
            </li>
          ))}
        </ul>
        <OperationsIndicator />
        <div className="session-foot" aria-label="Signed in">
          <span className="session-user" title={`${session.userName} (${session.role})`}><Icon name="user" size={16} />
            <span><strong>{session.userName}</strong> <span className="session-role">{session.role}</span></span></span>
          <button type="button" className="sidebar-foot" onClick={onSignOut}>
            <Icon name="logout" size={16} /> <span>Sign out</span>
          </button>
        </div>
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
        {section === 'operators' && admin.length > 0 && <OperatorsPage />}
        {section === 'keys' && admin.length > 0 && <KeysPage />}
        {section === 'audit' && admin.length > 0 && <AuditPage />}
        {![...sections, ...admin].some(s => s.id === section) && <Placeholder title="Not found" text={`There is no page '${section}'.`} />}
      </main>
    </div>
  );
}
