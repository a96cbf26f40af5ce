import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { courtClock } from '../i18n/courtTime.js';

/** Date and time in the top bar, court time; checked every few seconds so the minute is never late. */
export function TopBarClock() {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const shown = courtClock(now, i18n.language);
  return (
    <div className="topbar-clock" data-testid="topbar-clock">
      <span className="topbar-time">{shown.time}</span>
      <span className="topbar-date">{shown.date}</span>
    </div>
  );
}
