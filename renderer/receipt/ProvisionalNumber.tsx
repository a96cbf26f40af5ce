import { Fragment, type CSSProperties } from 'react';
import { NUMBER_EM_PER_CHAR, numberPieces } from '../../shared/numberPieces.js';

// The big provisional number, shown whole for any terminal id (up to 80 characters): its size
// follows its length (receipt.css divides the box's width by --number-ems), and where even the
// smallest legible size cannot hold it on one line, a line ends only after a hyphen.
export function ProvisionalNumber({ number }: { number: string }) {
  const ems = { '--number-ems': (number.length * NUMBER_EM_PER_CHAR).toFixed(2) } as CSSProperties;
  return (
    <span className="provisional-number" data-testid="provisional-number" style={ems}>
      {numberPieces(number).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </span>
  );
}
