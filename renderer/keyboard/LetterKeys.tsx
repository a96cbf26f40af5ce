import { useTranslation } from 'react-i18next';
import { KeyButton } from './KeyButton.js';

const DIGITS = [...'1234567890'];
const ROWS = [[...'qwertyuiop'], [...'asdfghjkl'], [...'zxcvbnm']];

interface LetterKeysProps {
  chinese: boolean;
  shift: boolean;
  onLetter: (letter: string) => void;
  onOther: (char: string) => void;
  onSpace: () => void;
  onBackspace: () => void;
  onShift: () => void;
  onToggleChinese: () => void;
}

/** QWERTY with a digit row; in Chinese mode letters spell pinyin and punctuation is full-width. */
export function LetterKeys({ chinese, shift, onLetter, onOther, onSpace, onBackspace, onShift, onToggleChinese }: LetterKeysProps) {
  const { t } = useTranslation();
  const [comma, stop] = chinese ? ['\uff0c', '\u3002'] : [',', '.'];
  return (
    <div className="keyboard-keys">
      <div className="key-row">
        {DIGITS.map((d) => (
          <KeyButton key={d} id={d} onPress={() => onOther(d)}>
            {d}
          </KeyButton>
        ))}
      </div>
      {ROWS.map((row, i) => (
        <div className="key-row" key={row.join('')}>
          {i === 2 && !chinese && (
            <KeyButton id="shift" tone="action" wide={1.5} pressed={shift} label={t('keyboard.shift')} onPress={onShift}>
              {t('keyboard.shiftShort')}
            </KeyButton>
          )}
          {row.map((letter) => (
            <KeyButton key={letter} id={letter} onPress={() => onLetter(letter)}>
              {shift && !chinese ? letter.toUpperCase() : letter}
            </KeyButton>
          ))}
          {i === 2 && (
            <KeyButton id="backspace" tone="action" wide={1.5} onPress={onBackspace}>
              {t('keyboard.backspace')}
            </KeyButton>
          )}
        </div>
      ))}
      <div className="key-row">
        <KeyButton id="mode" tone="action" wide={1.8} onPress={onToggleChinese}>
          {t(chinese ? 'keyboard.modeChinese' : 'keyboard.modeLatin')}
        </KeyButton>
        <KeyButton id="comma" label={t('keyboard.comma')} onPress={() => onOther(comma)}>
          {comma}
        </KeyButton>
        <KeyButton id="space" wide={4} onPress={onSpace}>
          {t('keyboard.space')}
        </KeyButton>
        <KeyButton id="stop" label={t('keyboard.stop')} onPress={() => onOther(stop)}>
          {stop}
        </KeyButton>
        <KeyButton id="dash" label={t('keyboard.dash')} onPress={() => onOther('-')}>
          -
        </KeyButton>
      </div>
    </div>
  );
}
