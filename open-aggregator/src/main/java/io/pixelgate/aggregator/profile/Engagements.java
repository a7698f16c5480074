package io.pixelgate.aggregator.profile;

import io.pixelgate.events.ProfileEngagement;
import java.time.Instant;

/**
 * Profile engagement records (SPEC.md section 2) as a fold of {@link EngagementStep}s. The score is
 * kept as of {@code updatedAt}, the latest hit's time; a reader decays it to its own now with the
 * same half-life. Hits that arrive late are decayed to {@code updatedAt} rather than moving it back.
 */
public final class Engagements {

    private Engagements() {
    }

    public static ProfileEngagement apply(final ProfileEngagement before, final String profileId,
                                          final EngagementStep step, final boolean crossChannel,
                                          final ScoreSettings score) {
        final ProfileEngagement base = before != null ? before : ProfileEngagement.newBuilder()
                .setProfileId(profileId).setOpens(0).setHumanOpens(0).setMachineOpens(0)
                .setUniqueMessagesOpened(0).setClicks(0).setScore(0).setCrossChannelAllowed(crossChannel)
                .setUpdatedAt(Instant.ofEpochMilli(step.at())).build();
        final long reference = base.getUpdatedAt().toEpochMilli();
        final long now = Math.max(reference, step.at());
        final double value = score.decay(base.getScore(), reference, now)
                + score.decay(step.weight(), step.at(), now)
                - score.decay(step.withdrawnWeight(), step.withdrawnAt(), now);
        final Instant openAt = Instant.ofEpochMilli(step.at());
        return ProfileEngagement.newBuilder(base)
                .setOpens(base.getOpens() + step.opens())
                .setHumanOpens(base.getHumanOpens() + step.humanOpens())
                .setMachineOpens(base.getMachineOpens() + step.opens() - step.humanOpens())
                .setUniqueMessagesOpened(base.getUniqueMessagesOpened() + (step.messageOpened() ? 1 : 0))
                .setClicks(base.getClicks() + step.clicks())
                .setFirstOpenAt(!step.opened() ? base.getFirstOpenAt() : earliest(base.getFirstOpenAt(), openAt))
                .setLastOpenAt(!step.opened() ? base.getLastOpenAt() : latest(base.getLastOpenAt(), openAt))
                .setScore(Math.max(0, value))
                .setCrossChannelAllowed(crossChannel)
                .setUpdatedAt(Instant.ofEpochMilli(now))
                .build();
    }

    /** The record with cross-channel use allowed or not; the same record when nothing changes. */
    public static ProfileEngagement withCrossChannel(final ProfileEngagement record, final boolean allowed) {
        return record.getCrossChannelAllowed() == allowed ? record
                : ProfileEngagement.newBuilder(record).setCrossChannelAllowed(allowed).build();
    }

    private static Instant earliest(final Instant current, final Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant latest(final Instant current, final Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
