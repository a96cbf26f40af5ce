import { inject } from 'vitest';
import { useHubPostgres } from './hubEngine.js';

// setupFiles of the `integration-pg` project: every test hub of this worker keeps its data in the
// run's PostgreSQL cluster (tests/support/postgresGlobalSetup.ts).

useHubPostgres(inject('postgres'));
