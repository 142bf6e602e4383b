/** A migration that was refused or failed: an operator's problem to read, not a stack trace. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}
