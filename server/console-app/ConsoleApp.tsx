import { useCallback, useEffect, useState } from 'react';
import { DeskView } from './DeskView.js';
import { LoginView } from './LoginView.js';
import { currentUser, signOut, type MediatorUser } from './sessionApi.js';

// Signed in → the desk; otherwise the sign-in form. The session is the hub's staff cookie.

export function ConsoleApp() {
  const [user, setUser] = useState<MediatorUser | null | undefined>(undefined);
  useEffect(() => {
    void currentUser().then(setUser, () => setUser(null));
  }, []);
  const signedOut = useCallback(() => setUser(null), []);
  if (user === undefined) return <p className="loading">…</p>;
  if (!user) return <LoginView onSignedIn={setUser} />;
  return (
    <DeskView
      user={user}
      onSignedOut={signedOut}
      onSignOut={() => {
        void signOut().then(() => setUser(null));
      }}
    />
  );
}
