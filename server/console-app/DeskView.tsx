import { VideoView } from '../../renderer/webrtc/VideoView.js';
import { Bi } from './bilingual.js';
import { CallPanel } from './CallPanel.js';
import { QueueList } from './QueueList.js';
import type { MediatorUser } from './sessionApi.js';
import { useDesk } from './useDesk.js';

const presenceLabel = {
  available: { zh: '在岗', en: 'On duty' },
  busy: { zh: '通话中', en: 'In a call' },
  away: { zh: '暂离', en: 'Away' },
} as const;

const notices: Record<string, { zh: string; en: string }> = {
  ALREADY_TAKEN: { zh: '这通来电已被其他调解员接听或已结束。', en: 'Another mediator answered this call, or it has ended.' },
  NOT_ON_DUTY: { zh: '请先点“上岗”再接听。', en: 'Go on duty before answering.' },
  CONFLICT: { zh: '您正在通话中。', en: 'You are already in a call.' },
  NOT_FOUND: { zh: '找不到这通来电。', en: 'This call could not be found.' },
  offline: { zh: '与服务器的连接断开了，正在重连。', en: 'The connection to the hub dropped; reconnecting.' },
  media: { zh: '无法打开摄像头或麦克风，请检查浏览器权限和设备。', en: 'The camera or microphone could not be opened; check the browser permission and the devices.' },
  mediaFailed: { zh: '音视频连接失败。请结束通话后重新接听，或电话联系当事人。', en: 'The media connection failed. End the call, or phone the resident.' },
  // A room step the hub refused (server/signalling/mediationDesk.ts): admit, mute, recording, a hearing's step.
  'room.FORBIDDEN': { zh: '您的角色不能执行这一操作。', en: 'Your role may not do this.' },
  'room.CONFLICT': { zh: '房间的状态刚刚变了，这一步没有执行。请看清当前状态后再试。', en: 'The room changed meanwhile, so this was not done. Look at it again and retry.' },
  'room.NOT_FOUND': { zh: '该参与人已不在房间里。', en: 'That participant is no longer in the room.' },
  'room.UNAVAILABLE': {
    zh: '暂时无法完成：本服务器现在不能录制（庭审必须录制），或服务不可用。',
    en: 'Not possible now: this hub cannot record at the moment (a hearing must be recorded), or the service is unavailable.',
  },
  'room.RATE_LIMITED': { zh: '操作太频繁，请稍后再试。', en: 'Too many requests; try again shortly.' },
  'room.INVALID_FRAME': { zh: '这一步未能执行，请刷新页面后再试。', en: 'This could not be done; reload the page and retry.' },
};

export function DeskView({ user, onSignedOut, onSignOut }: { user: MediatorUser; onSignedOut: () => void; onSignOut: () => void }) {
  const desk = useDesk(onSignedOut);
  const onDutyChoice = desk.presence !== 'away';
  const notice = desk.notice ? (notices[desk.notice] ?? notices.NOT_FOUND!) : null;
  return (
    <div className="desk" data-presence={desk.presence}>
      <header>
        <h1>
          <Bi zh="调解员工作台" en="Mediator desk" />
        </h1>
        <div className="desk-status">
          {/* a desk opened elsewhere has no presence here: "in a call" would say it still holds the call */}
          {!desk.elsewhere && (
            <>
              <span className={`presence presence-${desk.presence}`} data-testid="call-presence" data-status={desk.presence}>
                <Bi {...presenceLabel[desk.presence]} />
              </span>
              <button
                type="button"
                className={onDutyChoice ? 'secondary' : 'primary'}
                data-testid="call-duty-toggle"
                aria-pressed={onDutyChoice}
                disabled={desk.presence === 'busy' || !desk.connected}
                onClick={() => desk.setOnDuty(!onDutyChoice)}
              >
                {onDutyChoice ? <Bi zh="暂离" en="Step away" /> : <Bi zh="上岗" en="Go on duty" />}
              </button>
            </>
          )}
          <span className="user">{user.displayName}</span>
          <button type="button" className="secondary" data-testid="call-sign-out" onClick={onSignOut}>
            <Bi zh="退出" en="Sign out" />
          </button>
        </div>
      </header>
      {desk.elsewhere && (
        <p className="banner banner-alert" role="alert" data-testid="call-desk-elsewhere">
          <Bi zh="这个工作台已在别处打开（另一个标签页或另一台电脑），通话已转到那里。" en="This desk was opened elsewhere (another tab or computer); the call went with it." />{' '}
          <button type="button" className="link" data-testid="call-desk-take-back" onClick={() => location.reload()}>
            <Bi zh="在这里继续使用" en="Use the desk here" />
          </button>
        </p>
      )}
      {!desk.connected && !desk.elsewhere && (
        <p className="banner" role="status" data-testid="call-desk-offline">
          <Bi zh="正在连接服务器…" en="Connecting to the hub…" />
        </p>
      )}
      {notice && (
        <p className="banner banner-alert" role="alert" data-testid="call-desk-notice">
          <Bi {...notice} />{' '}
          <button type="button" className="link" onClick={desk.dismissNotice}>
            <Bi zh="知道了" en="OK" />
          </button>
        </p>
      )}
      <main>
        {/* opened elsewhere: the call and the queue are at the other desk; nothing here may act on them */}
        {desk.elsewhere ? null : desk.call ? (
          <CallPanel desk={desk} call={desk.call} />
        ) : (
          <div className="desk-idle">
            <QueueList queue={desk.queue} canAccept={desk.presence === 'available'} onDuty={desk.onDuty} onAccept={desk.accept} />
            {desk.local?.video && (
              <aside className="preview">
                <h2>
                  <Bi zh="您的画面" en="Your camera" />
                </h2>
                <VideoView stream={desk.local.stream} muted className="preview-video mirror" testId="call-preview-video" label="您的画面 Your camera" />
              </aside>
            )}
          </div>
        )}
      </main>
    </div>
  );
}
