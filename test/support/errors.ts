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
