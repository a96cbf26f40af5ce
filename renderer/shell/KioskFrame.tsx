import type { ReactNode } from 'react';
import type { KioskApi } from '../../shared/contract.js';
import { HostLostNotice } from './HostLostNotice.js';
import type { HostLinkState } from './hostLinkState.js';
import { SyncIndicator } from './SyncIndicator.js';
import { TopBar, type TopBarProps } from './TopBar.js';
import { useSyncStatus } from './useSyncStatus.js';
import './shell.css';

interface KioskFrameProps extends Omit<TopBarProps, 'showTitle'> {
  api: KioskApi;
  /** Whether the page reaches its host (renderer/shell/hostLinkState.ts). */
  host: HostLinkState;
  /** The screen on show (a name from the visit machine). */
  screen: string;
  /** Bumped per resident: the screen below remounts and keeps nothing of the last one. */
  generation: number;
  /** The on-screen keyboard, docked under the screen (it shows only while an answer is typed). */
  keyboard: ReactNode;
  /** An answer is being typed: the action bar and status line make room for the keyboard. */
  typing: boolean;
  /** Modal dialogs over the screen. */
  dialogs: ReactNode;
  children: ReactNode;
}

/** Around every screen: the top bar, the screen, the docked keyboard, the sync status line. */
export function KioskFrame({ api, host, screen, generation, keyboard, typing, dialogs, children, ...topBar }: KioskFrameProps) {
  const syncStatus = useSyncStatus(api, host === 'connected');
  return (
    <div className={`kiosk kiosk-${screen}${topBar.elderly ? ' elderly' : ''}${typing ? ' has-keyboard' : ''}`} data-screen={screen} data-elderly={topBar.elderly} data-host={host}>
      <TopBar showTitle={screen !== 'home'} {...topBar} />
      <main className="kiosk-main" key={generation}>
        {children}
      </main>
      {keyboard}
      <footer className="statusbar">
        <SyncIndicator status={syncStatus} host={host} />
      </footer>
      {dialogs}
      {host === 'lost' && <HostLostNotice />}
    </div>
  );
}
