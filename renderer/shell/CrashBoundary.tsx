import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../shared/contract.js';
import { rendererCrashOf } from '../../shared/terminals/crashReport.js';

// The screen's last line of defence (issue 14 item 10; DESIGN §4 "renderer crash → recovery screen
// → home"): an error no screen handled is reported to the agent, which scrubs it and sends it to
// the hub as a crash report, and the kiosk says it is recovering and loads home again. A draft
// lives in the agent, so reloading loses nothing the resident entered.

/** How long the recovery notice stays before home loads again. */
export const RECOVERY_NOTICE_MS = 3_000;

interface Props {
  api: KioskApi;
  children: ReactNode;
  /** Loads home again (default: reload the page). */
  reload?: () => void;
}

export class CrashBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    void this.props.api.call('terminal.crash', rendererCrashOf(error, 'unknown'));
    setTimeout(this.props.reload ?? (() => window.location.reload()), RECOVERY_NOTICE_MS);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashNotice /> : this.props.children;
  }
}

function CrashNotice() {
  const { t } = useTranslation();
  return (
    <main className="crash-notice" role="alert">
      <h1>{t('host.recoveringTitle')}</h1>
      <p>{t('host.recoveringBody')}</p>
    </main>
  );
}
