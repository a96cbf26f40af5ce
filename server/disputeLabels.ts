// The bilingual dispute labels live in shared/ (the kiosk's printed receipt uses them too).
export { disputeLabel, disputeLabels } from '../shared/disputeLabels.js';
