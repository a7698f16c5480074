package io.pixelgate.demo;

import io.pixelgate.events.ConsentMethod;
import io.pixelgate.events.ConsentStatus;
import io.pixelgate.events.Purpose;
import java.util.Objects;
import java.util.Set;

/**
 * A consent change the simulated CRM publishes.
 *
 * @param profile  whose
 * @param status   GRANTED or DENIED
 * @param purposes the purposes it names
 * @param method   how the CRM obtained it
 */
public record CrmEvent(Profile profile, ConsentStatus status, Set<Purpose> purposes, ConsentMethod method) {

    public CrmEvent {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        purposes = Set.copyOf(purposes);
        Objects.requireNonNull(method, "method");
    }
}
