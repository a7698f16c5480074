package io.pixelgate.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The simulated recipients: mail clients in {@link MailClient}'s shares, consent answers in
 * {@link ConsentAnswer}'s mix, and three kinds of reader: engaged (open most emails), casual, and
 * dormant (almost never open).
 */
public final class Population {

    /** Share and open propensity of engaged, casual and dormant readers. */
    static final double ENGAGED_SHARE = 0.25;
    static final double CASUAL_SHARE = 0.45;
    static final double ENGAGED_OPENS = 0.55;
    static final double CASUAL_OPENS = 0.22;
    static final double DORMANT_OPENS = 0.04;

    private final List<Profile> profiles;
    private final Map<String, Profile> byId;

    private Population(final List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
        final Map<String, Profile> index = new HashMap<>();
        profiles.forEach(profile -> index.put(profile.id(), profile));
        this.byId = Map.copyOf(index);
    }

    /** {@code size} profiles {@code p-00000}, {@code p-00001}, ... drawn from {@code random}. */
    public static Population generate(final int size, final RandomGenerator random) {
        if (size < 1) {
            throw new IllegalArgumentException("a population needs at least one profile, got " + size);
        }
        final int digits = Math.max(5, Integer.toString(size - 1).length());
        final List<Profile> profiles = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            profiles.add(new Profile(i, "p-" + zeroPadded(i, digits), MailClient.at(random.nextDouble()),
                    propensity(random), ConsentAnswer.draw(random), Addresses.home(random), random.nextInt(1 << 16)));
        }
        return new Population(profiles);
    }

    public int size() {
        return profiles.size();
    }

    public Profile get(final int index) {
        return profiles.get(index);
    }

    public Optional<Profile> byId(final String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Profile> all() {
        return profiles;
    }

    private static double propensity(final RandomGenerator random) {
        final double draw = random.nextDouble();
        if (draw < ENGAGED_SHARE) {
            return ENGAGED_OPENS;
        }
        return draw < ENGAGED_SHARE + CASUAL_SHARE ? CASUAL_OPENS : DORMANT_OPENS;
    }

    private static String zeroPadded(final int value, final int digits) {
        final String text = Integer.toString(value);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }
}
