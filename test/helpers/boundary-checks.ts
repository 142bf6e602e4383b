import { checkLedgerBoundary } from '../../src/ledger/boundary.ts';

// Every ledger call the suite makes checks its argument and its result against the function's schemas
// (src/ledger/functions.ts), so a field the SQL stops returning, or an argument it no longer reads the way
// TypeScript sends it, fails a test instead of reaching a client.
checkLedgerBoundary(true);
