package dev.engram.admin;

/**
 * Where an escalated dead letter is announced: the alarm topic on AWS, the log locally. The durable record (and the
 * once-only guarantee) is the dead-letter ledger's, not the channel's.
 */
interface Escalations {

    /** Announces one escalation; throws when it could not, so the sweep tries again next time. */
    void publish(Escalation escalation);
}
