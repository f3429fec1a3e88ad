import { FeedloomError } from '../shared/errors';

/** Bad command-line usage: reported in one line with exit code 2. */
export class UsageError extends FeedloomError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
