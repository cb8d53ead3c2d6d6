import { createContext, useContext, type ReactNode } from 'react';
import type { Session } from './api';
import { can, type Action } from './lib/roles';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session | null {
  return useContext(SessionContext);
}

/** Whether the signed-in operator's role allows `action`: controls it does not allow are left out, not disabled. */
export function useCan(action: Action): boolean {
  return can(useSession()?.role, action);
}
