import { UserError } from '../../src/core/errors.js';

/** The UserError that `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

/** The UserError that the asynchronous `fn` rejects with; fails the test when it resolves or fails otherwise. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<UserError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}
