// Types for .dependency-cruiser.mjs, so tests/unit/boundaries.test.ts can read the rule set.
import type { IConfiguration, IForbiddenRuleType } from 'dependency-cruiser';

export declare const forbidden: IForbiddenRuleType[];
declare const configuration: IConfiguration;
export default configuration;
