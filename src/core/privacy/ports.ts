/** One kind of record the bot keeps about a person, as shown by `/mydata show`. */
export interface HeldRecord {
  /** Stable name of what is held, e.g. "answers" or "ledger". */
  kind: string;
  /** How many rows of this kind refer to the person. */
  count: number;
  /** The rows themselves, for the export file. */
  rows: Record<string, unknown>[];
}

export interface PersonalData {
  profile: {
    externalId: string;
    displayName: string;
    grantedRole: string | null;
    firstSeenAt: Date;
    lastSeenAt: Date;
  };
  records: HeldRecord[];
}

/** What an erasure did, per kind of record: rows removed, and rows kept without the person's name. */
export interface ErasureSummary {
  deleted: Record<string, number>;
  anonymised: Record<string, number>;
}

export interface PrivacyPort {
  /** Everything stored that refers to the user (an id from DirectoryPort.touch). */
  collect(userId: number): Promise<PersonalData | undefined>;
  /** Erases the user's data in one transaction: personal records go, shared records lose the name. */
  erase(userId: number, now: Date): Promise<ErasureSummary>;
}
