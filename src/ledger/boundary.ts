/**
 * Whether ledger calls check their argument and result against the function's schemas (src/ledger/functions.ts).
 * The types already hold both sides to the schemas at compile time; the check at run time is for the test suite,
 * which switches it on, so the hot path does not pay for a second look. Kept apart from the schemas so switching it
 * on loads none of them.
 */
export let boundaryChecks = false;

export function checkLedgerBoundary(enabled: boolean): void {
  boundaryChecks = enabled;
}
