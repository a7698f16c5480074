package io.pixelgate.demo;

import java.util.Objects;

/**
 * One simulated recipient.
 *
 * @param index      position in the population, from 0
 * @param id         the profile id the CRM and the send service use
 * @param client     the mail client, which decides what the edge sees of each email
 * @param propensity the chance of opening a marketing email, before the variant's effect
 * @param answer     the consent answer this person gives, if any
 * @param home       the address the person's own device connects from
 * @param agentPick  which of the user agents of its kind this person's devices send
 */
public record Profile(int index, String id, MailClient client, double propensity, ConsentAnswer answer,
                      String home, int agentPick) {

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(home, "home");
        if (propensity < 0 || propensity > 1) {
            throw new IllegalArgumentException("propensity must be a probability, got " + propensity);
        }
    }

    /** The email address the CRM holds (a reserved example domain). */
    public String email() {
        return "user" + index + "@example.org";
    }
}
