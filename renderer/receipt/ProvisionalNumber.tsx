import { Fragment, type CSSProperties } from 'react';
import { NUMBER_EM_PER_CHAR, numberPieces } from '../../shared/numberPieces.js';

// The provisional number, shown whole for any terminal id (up to 80 characters): its size follows
// its length (receipt.css divides its container's width by --number-ems), and where even the
// smallest legible size cannot hold it on one line, a line ends only after a hyphen. The big number
// on the card, and the one the failed print's notice names (`inline`: Trans hands it the translated
// children, which it ignores and draws its own pieces instead); `room`: drawn unseen only to size
// the notice's box, so it carries no test id.
export function ProvisionalNumber({ number, inline = false, room = false }: { number: string; inline?: boolean; room?: boolean }) {
  const ems = { '--number-ems': (number.length * NUMBER_EM_PER_CHAR).toFixed(2) } as CSSProperties;
  return (
    <span className={inline ? 'receipt-number-inline' : 'provisional-number'} data-testid={room ? undefined : inline ? 'receipt-print-number' : 'provisional-number'} style={ems}>
      {numberPieces(number).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </span>
  );
}
