import { useTranslation } from 'react-i18next';
import './lengthCount.css';

// "已写 3 字，最多 50 字": how much an answer holds and the most it takes, shown before the limit
// bites. Two parts, each kept whole, so that where room is short (beside the keyboard's text box)
// it reads as two clean lines, "已写 0 字，" / "最多 10000 字", never broken mid-phrase (in elderly
// mode it fell onto three: "已写 0 字，/ 最多 10000 / 字" — s18 walk). English puts a space between
// the parts on one line (lengthCount.css), Chinese none.

export function LengthCount({ count, max }: { count: number; max: number }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="length-count-part">{t('fields.countWritten', { count })}</span>
      <span className="length-count-part">{t('fields.countMax', { max })}</span>
    </>
  );
}
