import type { FormAction, Message, View } from '../../core/view.js';

/**
 * Forms the bot has shown as buttons recently, so a click opens the form with its own labels and prefilled values.
 * After a restart the memory is empty and the form is rebuilt from the command's definition instead.
 */
export class FormMemory {
  private readonly forms = new Map<string, FormAction>();

  constructor(private readonly capacity = 1000) {}

  rememberView(view: View): void {
    for (const action of view.actions ?? []) {
      if (action.type !== 'form') continue;
      this.forms.delete(action.id);
      this.forms.set(action.id, action);
      if (this.forms.size > this.capacity) {
        const oldest = this.forms.keys().next().value;
        if (oldest !== undefined) this.forms.delete(oldest);
      }
    }
  }

  rememberMessages(messages: Message[]): void {
    for (const message of messages) if ('view' in message) this.rememberView(message.view);
  }

  get(id: string): FormAction | undefined {
    return this.forms.get(id);
  }
}
