import { useBilingual } from './bilingual.js';

/** Shown when nothing is scheduled to play: what this kiosk is for, and an invitation to touch. */
export function StandbyScreen() {
  const both = useBilingual();
  const [title, titleOther] = both('app.title');
  const [intro] = both('home.intro');
  const [touch, touchOther] = both('attract.touchToStart');
  return (
    <div className="attract-standby" data-testid="attract-standby">
      <p className="attract-standby-title" lang={title!.lang}>
        {title!.text}
      </p>
      <p className="attract-standby-title attract-second" lang={titleOther!.lang}>
        {titleOther!.text}
      </p>
      <p className="attract-standby-intro" lang={intro!.lang}>
        {intro!.text}
      </p>
      <p className="attract-standby-touch" lang={touch!.lang}>
        {touch!.text}
      </p>
      <p className="attract-standby-touch attract-second" lang={touchOther!.lang}>
        {touchOther!.text}
      </p>
    </div>
  );
}
