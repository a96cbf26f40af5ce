import { useEffect, useState } from 'react';
import type { QueueEntry } from '../../shared/signalling.js';
import { courtTime } from '../../shared/courtTime.js';
import { Bi, duration } from './bilingual.js';

// Waiting calls, oldest first: how long each has waited, where the kiosk is, what was filed.

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function QueueList({ queue, canAccept, onDuty, onAccept }: { queue: QueueEntry[]; canAccept: boolean; onDuty: number; onAccept: (callId: string) => void }) {
  const now = useNow(1000);
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        <Bi zh={`等待接听（${queue.length}）`} en={`Waiting (${queue.length})`} />
        <small>
          <Bi zh={`在岗调解员 ${onDuty} 人`} en={`${onDuty} on duty`} />
        </small>
      </h2>
      {queue.length === 0 ? (
        <p className="empty" data-testid="call-queue-empty">
          <Bi zh="暂无来电。" en="No calls waiting." />
        </p>
      ) : (
        <ol className="queue-list">
          {queue.map((entry, i) => {
            const waited = duration(now - Date.parse(entry.queuedAt));
            return (
              <li key={entry.callId} className="queue-item" data-testid="call-queue-item" data-call-id={entry.callId}>
                <div className="queue-pos">{i + 1}</div>
                <div className="queue-main">
                  <p className="queue-where">
                    <strong>{entry.terminal.name}</strong> {entry.terminal.location && <span className="muted">· {entry.terminal.location}</span>}
                  </p>
                  <p className="queue-wait" data-testid="call-queue-wait">
                    <Bi zh={`已等待 ${waited.zh}`} en={`waiting ${waited.en}`} /> <span className="muted">({courtTime(entry.queuedAt, 'clock')})</span>
                    {entry.language === 'en' && (
                      <span className="tag">
                        <Bi zh="英文界面" en="English" />
                      </span>
                    )}
                  </p>
                  <p className="queue-intake">
                    {entry.intake ? (
                      <>
                        <span className="tag">
                          <Bi {...entry.intake.disputeLabel} />
                        </span>{' '}
                        <strong>{entry.intake.applicantName}</strong> — {entry.intake.description.slice(0, 90)}
                        {entry.intake.description.length > 90 ? '…' : ''}
                      </>
                    ) : entry.intakePending ? (
                      <span className="muted">
                        <Bi zh="刚登记的申请正在传送…" en="The intake just filed is on its way…" />
                      </span>
                    ) : (
                      <span className="muted">
                        <Bi zh="未登记申请" en="No intake filed" />
                      </span>
                    )}
                  </p>
                </div>
                <button type="button" className="primary accept" data-testid="call-accept" disabled={!canAccept} onClick={() => onAccept(entry.callId)}>
                  <Bi zh="接听" en="Answer" />
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {!canAccept && queue.length > 0 && (
        <p className="note">
          <Bi zh="点“上岗”后即可接听。" en="Go on duty to answer." />
        </p>
      )}
    </section>
  );
}
