export interface QuizRound {
  id: number;
  tenantId: number;
  userId: number;
  itemId: string;
  cycle: number;
  choiceOrder: string[];
  chosen: number | null;
}

export interface QuizPort {
  /** The user's current cycle (1 for a new player). */
  currentCycle(userId: number): Promise<number>;
  /** Item ids already dealt to the user in a cycle. */
  dealt(userId: number, cycle: number): Promise<Set<string>>;
  /** Deals an item; when the user already has it in that cycle, returns the existing round. */
  deal(round: {
    tenantId: number;
    userId: number;
    itemId: string;
    cycle: number;
    choiceOrder: string[];
    at: Date;
  }): Promise<QuizRound>;
  round(id: number): Promise<QuizRound | undefined>;
  latestOpen(userId: number): Promise<QuizRound | undefined>;
  /** Records the choice once; false when the round was already answered. */
  answer(roundId: number, chosen: number, correct: boolean, at: Date): Promise<boolean>;
  /** Whether the user answered this item in an earlier round. */
  answeredBefore(userId: number, itemId: string, exceptRoundId: number): Promise<boolean>;
}
