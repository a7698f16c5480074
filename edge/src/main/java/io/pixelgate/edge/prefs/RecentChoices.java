package io.pixelgate.edge.prefs;

import io.pixelgate.events.ConsentChange;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What this edge instance remembers of each profile's recent choices, in bounded memory: the
 * latest change it recorded, the rate of its decision POSTs, and a withdrawal waiting to be
 * recorded. The least recently seen profile is forgotten first ({@link FormRules#rememberedProfiles});
 * forgetting only ever loosens these checks, and consent-events still refuses a grant from a
 * form shown before the profile's latest change (ledger effect {@code STALE_FORM}) whichever edge
 * recorded it.
 *
 * <ul>
 *   <li>A form that grants must have been shown within {@link FormRules#maxFormAge} and after
 *       every change this instance recorded for the profile: a captured or long-open form never
 *       grants again after a later choice.</li>
 *   <li>Decision POSTs are limited per profile (a token bucket of {@link FormRules#rateLimit}
 *       refilled over {@link FormRules#rateWindow}).</li>
 *   <li>Withdrawals are never limited: a withdrawal only lowers tracking. But a flood of them is
 *       not a flood of ledger records: within {@link FormRules#withdrawalWindow} of a recorded
 *       withdrawal, with nothing recorded since, further ones are answered at once and the last of
 *       them is recorded when the window closes (never dropped: also when the profile is forgotten,
 *       when another change is recorded first, or when the edge stops).</li>
 * </ul>
 *
 * <p>Every method takes the current instant, so the rules are plain functions of their inputs.
 */
public final class RecentChoices implements AutoCloseable {

    /** Runs a task once, after a delay. */
    @FunctionalInterface
    public interface Later {
        void after(Duration delay, Runnable task);
    }

    /** Whether a form may be recorded. */
    public enum FormVerdict {
        FRESH,
        /** Shown longer ago than {@link FormRules#maxFormAge}. */
        TOO_OLD,
        /** Shown before a change this instance recorded (or is about to record) for the profile. */
        SUPERSEDED
    }

    private final FormRules rules;
    private final Later later;
    private final Consumer<ConsentChange> recordLater;
    private final double tokensPerNano;
    private final Map<String, Memory> profiles;

    /**
     * @param later       runs the recording of a coalesced withdrawal when its window closes
     * @param recordLater records a withdrawal whose request was already answered
     */
    public RecentChoices(final FormRules rules, final Later later, final Consumer<ConsentChange> recordLater) {
        this.rules = rules;
        this.later = later;
        this.recordLater = recordLater;
        this.tokensPerNano = rules.rateLimit() / (double) rules.rateWindow().toNanos();
        this.profiles = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Memory> eldest) {
                if (size() <= rules.rememberedProfiles()) {
                    return false;
                }
                flushPending(eldest.getValue());
                return true;
            }
        };
    }

    /**
     * Counts a decision POST for the profile.
     *
     * @return empty when it is within the rate, else how long until the next one is
     */
    public synchronized Optional<Duration> admit(final String profileId, final Instant now) {
        final Memory memory = memory(profileId);
        final long elapsed = memory.tokensAt == null ? 0 : Math.max(0, Duration.between(memory.tokensAt, now).toNanos());
        memory.tokens = Math.min(rules.rateLimit(), memory.tokens + elapsed * tokensPerNano);
        memory.tokensAt = now;
        if (memory.tokens >= 1) {
            memory.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - memory.tokens) / tokensPerNano)));
    }

    /**
     * Checks a decision form and, when it may be recorded, notes {@code now} as the profile's
     * latest change, atomically: of two posts of one form, only the first is fresh.
     *
     * @param shownAt when the form was shown (signed in it)
     * @param grants  whether the decision grants anything; only such a form must be fresh
     */
    public synchronized FormVerdict reserve(final String profileId, final Instant shownAt, final boolean grants,
                                            final Instant now) {
        final Memory memory = memory(profileId);
        if (grants && shownAt.plus(rules.maxFormAge()).isBefore(now)) {
            return FormVerdict.TOO_OLD;
        }
        final Instant known = memory.latestKnown();
        if (grants && known != null && !shownAt.isAfter(known)) {
            return FormVerdict.SUPERSEDED;
        }
        flushPending(memory); // that withdrawal came first: recorded before this change
        memory.noteChange(now, false);
        return FormVerdict.FRESH;
    }

    /**
     * A withdrawal of every purpose, made at its {@code occurredAt}.
     *
     * @return true when the caller records it now; false when it was kept to be recorded as one
     *         with the others of the window, when that closes
     */
    public synchronized boolean withdrawNow(final ConsentChange withdrawal) {
        final String profileId = withdrawal.getProfileId();
        final Memory memory = memory(profileId);
        final Instant now = withdrawal.getOccurredAt();
        if (memory.latestWasWithdrawal && now.isBefore(memory.latestChange.plus(rules.withdrawalWindow()))) {
            if (memory.pendingWithdrawal == null) {
                later.after(Duration.between(now, memory.latestChange.plus(rules.withdrawalWindow())),
                        () -> flush(profileId));
            }
            memory.pendingWithdrawal = withdrawal;
            return false;
        }
        flushPending(memory); // left over when its window's task is late: it came first
        memory.noteChange(now, true);
        return true;
    }

    /** Records every withdrawal still waiting for its window to close (the edge is stopping). */
    @Override
    public synchronized void close() {
        profiles.values().forEach(this::flushPending);
    }

    private synchronized void flush(final String profileId) {
        final Memory memory = profiles.get(profileId);
        if (memory != null) {
            flushPending(memory);
        }
    }

    private void flushPending(final Memory memory) {
        final ConsentChange pending = memory.pendingWithdrawal;
        if (pending != null) {
            memory.pendingWithdrawal = null;
            memory.noteChange(pending.getOccurredAt(), true);
            recordLater.accept(pending);
        }
    }

    private Memory memory(final String profileId) {
        return profiles.computeIfAbsent(profileId, id -> new Memory(rules.rateLimit()));
    }

    /** One profile, as far as this instance knows it. */
    private static final class Memory {
        private Instant latestChange;
        private boolean latestWasWithdrawal;
        private ConsentChange pendingWithdrawal;
        private double tokens;
        private Instant tokensAt;

        private Memory(final double tokens) {
            this.tokens = tokens;
        }

        /** The latest choice known here, recorded or waiting to be. */
        private Instant latestKnown() {
            return pendingWithdrawal == null ? latestChange : later(latestChange, pendingWithdrawal.getOccurredAt());
        }

        private void noteChange(final Instant at, final boolean withdrawal) {
            latestChange = later(latestChange, at);
            latestWasWithdrawal = withdrawal;
        }

        private static Instant later(final Instant a, final Instant b) {
            return a == null || b.isAfter(a) ? b : a;
        }
    }
}
