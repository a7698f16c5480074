package io.pixelgate.consent;

/**
 * What one input of consent-events writes, already encoded and checked against what each topic takes
 * ({@code platform.Outputs}), so that a processor learns an output cannot be written before it
 * changes any store. A null array writes nothing to that topic, unless its {@code deleted} flag asks
 * for a tombstone there.
 *
 * @param ledger       the consent-ledger entry: every input has one
 * @param state        the new consent-state, when any purpose changed
 * @param stateDeleted whether consent-state gets a tombstone (only an erasure writes one)
 * @param key          the profile's new key for profile-keys, when this input made it
 * @param keyDeleted   whether profile-keys gets a tombstone (an erasure)
 * @param purge        the purge-log record of an erasure
 */
record ConsentOutputs(byte[] ledger, byte[] state, boolean stateDeleted, byte[] key, boolean keyDeleted,
                      byte[] purge) {

    /** The outputs of a change: its ledger entry, its new state and the profile's new key when there are any. */
    static ConsentOutputs ofChange(final byte[] ledger, final byte[] state, final byte[] key) {
        return new ConsentOutputs(ledger, state, false, key, false, null);
    }

    /** The outputs of an erasure: its ledger entry and purge record, tombstones on consent-state and profile-keys. */
    static ConsentOutputs ofErasure(final byte[] ledger, final byte[] purge) {
        return new ConsentOutputs(ledger, null, true, null, true, purge);
    }

    boolean writesState() {
        return state != null || stateDeleted;
    }

    boolean writesKey() {
        return key != null || keyDeleted;
    }

    boolean writesPurge() {
        return purge != null;
    }
}
