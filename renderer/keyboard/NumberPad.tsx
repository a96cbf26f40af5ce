import { useTranslation } from 'react-i18next';
import { CREDIT_CODE_LETTERS, type PadKind } from './keyEditing.js';
import { KeyButton } from './KeyButton.js';

interface NumberPadProps {
  pad: Exclude<PadKind, 'letters'>;
  onChar: (char: string) => void;
  onBackspace: () => void;
  onClear: () => void;
}

/** The extra key beside 0 on each pad: X for ID numbers, a point for money, a dash for phones. */
const extraKey: Partial<Record<PadKind, string>> = { id: 'X', decimal: '.', phone: '-', reference: '-' };

/** Letter rows: the credit code's 21 capitals, or the whole alphabet for a provisional number. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letterRows = (letters: string, perRow: number) => Array.from({ length: Math.ceil(letters.length / perRow) }, (_, i) => letters.slice(i * perRow, (i + 1) * perRow));

/** A telephone-style 3×4 pad (plus capitals for credit codes), with large keys. */
export function NumberPad({ pad, onChar, onBackspace, onClear }: NumberPadProps) {
  const { t } = useTranslation();
  const extra = extraKey[pad];
  const rows = [[...'123'], [...'456'], [...'789']];
  const digit = (d: string) => (
    <KeyButton key={d} id={d} onPress={() => onChar(d)}>
      {d}
    </KeyButton>
  );
  return (
    <div className={`keyboard-keys number-pad${pad === 'code' || pad === 'reference' ? ' number-pad-code' : ''}`}>
      <div className="number-pad-digits">
        {rows.map((row) => (
          <div className="key-row" key={row.join('')}>
            {row.map(digit)}
          </div>
        ))}
        <div className="key-row">
          <KeyButton id="clear" tone="action" onPress={onClear}>
            {t('keyboard.clear')}
          </KeyButton>
          {digit('0')}
          {extra ? (
            <KeyButton id={extra === '.' ? 'point' : extra === '-' ? 'dash' : extra} label={t(`keyboard.extra.${pad}`)} onPress={() => onChar(extra)}>
              {extra}
            </KeyButton>
          ) : (
            <KeyButton id="backspace" tone="action" onPress={onBackspace}>
              {t('keyboard.backspace')}
            </KeyButton>
          )}
        </div>
        {extra && (
          <div className="key-row">
            <KeyButton id="backspace" tone="action" onPress={onBackspace}>
              {t('keyboard.backspace')}
            </KeyButton>
          </div>
        )}
      </div>
      {(pad === 'code' || pad === 'reference') && (
        <div className="number-pad-letters">
          {(pad === 'code' ? letterRows(CREDIT_CODE_LETTERS, 7) : letterRows(ALPHABET, 9)).map((row) => (
            <div className="key-row" key={row}>
              {[...row].map((letter) => (
                <KeyButton key={letter} id={letter} onPress={() => onChar(letter)}>
                  {letter}
                </KeyButton>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
