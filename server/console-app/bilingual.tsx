// The court console speaks Chinese first with English beside it, like the hub's intake console.

export function Bi({ zh, en }: { zh: string; en: string }) {
  return (
    <>
      {zh}{' '}
      <span className="en" lang="en">
        {en}
      </span>
    </>
  );
}

/** "2 分 05 秒" style durations for waiting times and call length. */
export function duration(ms: number): { zh: string; en: string } {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const rest = String(s % 60).padStart(2, '0');
  return m > 0 ? { zh: `${m} 分 ${rest} 秒`, en: `${m}:${rest}` } : { zh: `${s} 秒`, en: `${s} s` };
}
