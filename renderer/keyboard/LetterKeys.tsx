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
  /** Names only: a character the candidates do not offer is typed by staff (see StaffHelpDialog). */
  onRareCharacter?: (() => void) | undefined;
  /** Free text: the caret one character left or right. */
  onMove?: ((by: -1 | 1) => void) | undefined;
}

/** The separator of names on ID cards (阿卜杜拉·艾买提): U+00B7, what the card and the court's records use. */
export const NAME_DOT = '\u00b7';

/** QWERTY with a digit row; in Chinese mode letters spell pinyin and punctuation is full-width. */
export function LetterKeys({ chinese, shift, onLetter, onOther, onSpace, onBackspace, onShift, onToggleChinese, onRareCharacter, onMove }: LetterKeysProps) {
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
          {i === 2 && onMove && (
            <>
              <KeyButton id="left" tone="action" label={t('keyboard.left')} onPress={() => onMove(-1)}>
                ←
              </KeyButton>
              <KeyButton id="right" tone="action" label={t('keyboard.right')} onPress={() => onMove(1)}>
                →
              </KeyButton>
            </>
          )}
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
        <KeyButton id="middle-dot" label={t('keyboard.middleDot')} onPress={() => onOther(NAME_DOT)}>
          {NAME_DOT}
        </KeyButton>
        <KeyButton id="dash" label={t('keyboard.dash')} onPress={() => onOther('-')}>
          -
        </KeyButton>
        {onRareCharacter && (
          <KeyButton id="rare-character" tone="action" wide={2} onPress={onRareCharacter}>
            {t('keyboard.rareCharacter')}
          </KeyButton>
        )}
      </div>
    </div>
  );
}
