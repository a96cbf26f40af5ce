import './roomNotices.css';
import { useState } from 'react';
import type { CallRoom } from '../../shared/call.js';
import { inLanguage } from '../../shared/referenceCases/referenceCase.js';
import { guideAnnouncement, guidesIn } from '../../shared/rooms/guidance.js';

// What the room says to a participant on the desk, the join page and the guidance desk: a guiding
// judge in the room ("X 法官已加入指导"), and a reference case shared into it, until closed.
// `lang` is the page's: the join page's party picks one; the court's desks read Chinese.

export interface RoomNoticeWords {
  sharedTitle: string;
  facts: string;
  outcome: string;
  legalBasis: string;
  close: string;
}

export function RoomNotices({ room, lang, words }: { room: CallRoom | null; lang: 'zh-CN' | 'en'; words: RoomNoticeWords }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!room) return null;
  const shared = room.shared && room.shared.shareId !== dismissed ? room.shared : null;
  const say = (text: { zh: string; en: string | null }) => inLanguage(text, lang);
  return (
    <>
      {guidesIn(room.peers).map((g) => (
        <p key={g.peerId} className="room-guide" role="status" data-testid="room-guide-joined">
          {guideAnnouncement(g, lang)}
        </p>
      ))}
      {shared && (
        <article className="room-shared" data-testid="room-shared-case" aria-labelledby="room-shared-title">
          <p className="room-shared-kicker">{words.sharedTitle}</p>
          <h2 id="room-shared-title" data-testid="room-shared-title">
            {say(shared.referenceCase.title)}
          </h2>
          <dl>
            <dt>{words.facts}</dt>
            <dd>{say(shared.referenceCase.facts)}</dd>
            <dt>{words.outcome}</dt>
            <dd>{say(shared.referenceCase.outcome)}</dd>
            <dt>{words.legalBasis}</dt>
            <dd>{say(shared.referenceCase.legalBasis)}</dd>
          </dl>
          <button type="button" className="room-shared-close" data-testid="room-shared-dismiss" onClick={() => setDismissed(shared.shareId)}>
            {words.close}
          </button>
        </article>
      )}
    </>
  );
}

export const roomNoticeWords: Record<'zh-CN' | 'en', RoomNoticeWords> = {
  'zh-CN': { sharedTitle: '法官分享的典型案例', facts: '基本案情', outcome: '处理结果', legalBasis: '法律依据', close: '关闭案例' },
  en: { sharedTitle: 'A reference case shared by the judge', facts: 'Facts', outcome: 'Outcome', legalBasis: 'Legal basis', close: 'Close this example' },
};
