import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/intake.js';
import type { TerminalJoinRefusal } from '../../shared/rooms/joining.js';
import { PartyIdentityForm, type PartyClaim } from './PartyIdentityForm.js';

// After the meeting code: the party's name and the last 4 of their ID number
// (./PartyIdentityForm.tsx), which the hub checks against the case's party the code was issued for
// (server/rooms/partyIdentity.ts, the join page's check).

export type { PartyClaim } from './PartyIdentityForm.js';

interface JoinCodeIdentityProps {
  language: Language;
  elderly: boolean;
  refused: TerminalJoinRefusal | null;
  onClaim: (claim: PartyClaim) => void;
  /** Back to the code's keypad. */
  onBack: () => void;
}

export function JoinCodeIdentity({ language, elderly, refused, onClaim, onBack }: JoinCodeIdentityProps) {
  const { t } = useTranslation();
  return (
    <PartyIdentityForm
      language={language}
      elderly={elderly}
      title={t('call.code.identityTitle')}
      hint={t('call.code.identityHint')}
      refused={refused ? { reason: refused, message: t(`call.code.${refused}`) } : null}
      onClaim={onClaim}
      onBack={onBack}
    />
  );
}
