import type { ReactNode } from 'react';
import type { DisputeType } from '../../../shared/disputeTypes.js';

// A pictogram per dispute type, drawn here (no downloads): a resident who reads little finds the
// tile by its picture. Simple strokes on a 48-unit grid, in the tile's text colour.

const drawings: Record<DisputeType, ReactNode> = {
  // two people and a heart
  family: (
    <>
      <circle cx="15" cy="13" r="5" />
      <circle cx="33" cy="13" r="5" />
      <path d="M6 40v-8a9 9 0 0 1 18 0v8M24 40v-8a9 9 0 0 1 18 0v8" />
      <path d="M24 28l-3-3a2.2 2.2 0 0 1 3-3 2.2 2.2 0 0 1 3 3z" />
    </>
  ),
  // two houses side by side with a fence between
  neighbour: (
    <>
      <path d="M4 40V24l8-7 8 7v16zM28 40V24l8-7 8 7v16z" />
      <path d="M20 40V30h8v10M22 30v-3M26 30v-3" />
    </>
  ),
  // a banknote and a hand-written IOU
  private_loan: (
    <>
      <rect x="5" y="10" width="28" height="16" rx="2" />
      <circle cx="19" cy="18" r="4" />
      <path d="M22 26v14h21V22H33M26 31h13M26 36h9" />
    </>
  ),
  // a shopping cart
  sale_consumer: (
    <>
      <path d="M4 8h6l5 22h22l5-15H12" />
      <circle cx="18" cy="38" r="3" />
      <circle cx="34" cy="38" r="3" />
    </>
  ),
  // an apartment block with a key
  property_service: (
    <>
      <path d="M8 42V8h20v34M13 14h3M20 14h3M13 21h3M20 21h3M13 28h3M20 28h3" />
      <circle cx="35" cy="28" r="5" />
      <path d="M35 33v9M35 38h4" />
    </>
  ),
  // a safety helmet over a wage packet
  labour: (
    <>
      <path d="M8 22a16 16 0 0 1 32 0zM6 22h36M24 6v6" />
      <rect x="12" y="28" width="24" height="14" rx="2" />
      <path d="M20 35h8" />
    </>
  ),
  // two cars meeting
  traffic: (
    <>
      <path d="M4 30l3-9h14l3 9v7H4zM24 30l3-9h14l3 9v7H24z" />
      <circle cx="10" cy="37" r="3" />
      <circle cx="38" cy="37" r="3" />
      <path d="M24 10v6M19 12l3 4M29 12l-3 4" />
    </>
  ),
  // a bandaged arm: harm to a person or a thing
  damages: (
    <>
      <path d="M10 40l14-14M8 30l10 10" />
      <rect x="20" y="8" width="12" height="26" rx="6" transform="rotate(45 26 21)" />
      <path d="M22 17l8 8" />
    </>
  ),
  // a farmhouse with its yard
  housing_homestead: (
    <>
      <path d="M6 24L24 8l18 16M10 21v19h28V21" />
      <path d="M20 40V29h8v11M4 40h40" />
    </>
  ),
  // fields under a sun
  land: (
    <>
      <circle cx="34" cy="12" r="5" />
      <path d="M4 26h40M4 40l10-14M20 40l4-14M34 40l-2-14M44 34L4 34" />
    </>
  ),
  // a cross in a shield
  medical: (
    <>
      <path d="M24 5l16 6v12c0 10-7 17-16 20C15 40 8 33 8 23V11z" />
      <path d="M24 16v14M17 23h14" />
    </>
  ),
  // a bank card
  finance: (
    <>
      <rect x="4" y="12" width="40" height="26" rx="3" />
      <path d="M4 19h40M10 31h10" />
    </>
  ),
  // a speech bubble with a question mark
  other: (
    <>
      <path d="M6 10h36v22H22l-8 8v-8H6z" />
      <path d="M20 17a4 4 0 1 1 5 4v3M24 28v0.5" />
    </>
  ),
};

export function DisputePictogram({ type }: { type: DisputeType }) {
  return (
    <svg className="dispute-pictogram" viewBox="0 0 48 48" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
      {drawings[type]}
    </svg>
  );
}
